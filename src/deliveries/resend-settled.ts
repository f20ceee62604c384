import { Job, type Worker } from 'bullmq';
import type Redis from 'ioredis';
import { JobName } from './delivery-queue';
import type { ParkedJobs } from './parked-jobs';

/**
 * How long the mark of a delivery a resend delivered is kept: far longer than an attempt stays
 * active (its time-out, a park's safety delay, a stalled job's lock), the case the mark is for.
 */
const MARK_MS = 24 * 3600 * 1000;

/**
 * Ends the retry schedule of a delivery a resend delivered, so the receiver does not get the
 * event again from a scheduled retry. Its scheduled job (id = delivery id) is removed when it is
 * waiting, delayed or parked (a parked job sits in the delayed set). A job active right now
 * cannot be removed (BullMQ refuses a locked job): that one scheduled attempt may still go out,
 * which is acceptable (receivers de-duplicate by Id), but it is not retried: the mark, set before
 * the removal is tried, is asked after a failed scheduled attempt and before a retry.
 *
 * Called only once the resend's attempt is written as delivered: the reconciler re-queues only
 * deliveries that are neither delivered nor discarded, so it never re-creates the removed job.
 */
export class ResendSettled {
  constructor(
    private readonly worker: Worker,
    private readonly parked: ParkedJobs,
  ) {}

  async endSchedule(deliveryId: string, webhookId: string): Promise<void> {
    const client = (await this.worker.client) as unknown as Redis;
    await client.set(this.key(deliveryId), '1', 'PX', MARK_MS);
    try {
      // A job already gone (finished, or never queued) counts as removed.
      await new Job(this.worker, JobName.Deliver, {}, {}, deliveryId).remove();
    } catch {
      // Locked: the job is active; the mark stops its retry.
      return;
    }
    await this.parked.forget(webhookId, deliveryId);
  }

  /**
   * True when a resend delivered the delivery: its scheduled attempts end. A failed look-up counts
   * as no: the schedule goes on as it would have (at worst a duplicate), and the attempt is logged.
   */
  async has(deliveryId: string): Promise<boolean> {
    try {
      const client = (await this.worker.client) as unknown as Redis;
      return (await client.exists(this.key(deliveryId))) > 0;
    } catch {
      return false;
    }
  }

  private key(deliveryId: string): string {
    return this.worker.toKey(`resend-delivered:${deliveryId}`);
  }
}
