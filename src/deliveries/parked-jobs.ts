import { Job, type Worker } from 'bullmq';
import type Redis from 'ioredis';
import { JobName } from './delivery-queue';

/**
 * A parked job is back after this long even if nobody promotes it (say, the process that parked
 * it died), spread over ±50 % so a large parked backlog does not come back at once.
 */
export const PARK_SAFETY_MS = 60_000;

/**
 * How many parked jobs an attempt's end promotes: one for the slot it freed, and the slots a
 * recovered receiver got back (its cap rose). When the cap dropped (the receiver stopped answering),
 * only the slots actually free under the new cap: a whole cap of attempts timing out together
 * would otherwise bring back as many parked jobs, each picked up only to be parked again, in the
 * same burst as the time-outs, while healthy webhooks' jobs wait behind them.
 */
export function promotionsAfterAttempt(capBefore: number, capNow: number, inFlightNow: number): number {
  return capNow < capBefore ? Math.max(0, capNow - inFlightNow) : Math.max(1, capNow - capBefore);
}

/**
 * Jobs waiting for a slot of their webhook, without being picked up again and again. A job refused
 * a slot is moved to BullMQ's delayed set with a long safety delay and its id is added to the
 * webhook's parked set in Redis; each slot that frees promotes one parked job back to the wait
 * list. A parked job costs nothing while it waits: no timer, no polling, no Redis command.
 */
export class ParkedJobs {
  /** Webhooks this process parked jobs of and has not yet found the parked set empty for. */
  private readonly parkedHere = new Set<string>();

  constructor(
    private readonly worker: Worker,
    private readonly random: () => number = Math.random,
  ) {}

  /** True while this process may have parked jobs of the webhook (a freed slot then promotes one). */
  has(webhookId: string): boolean {
    return this.parkedHere.has(webhookId);
  }

  /** Parks the active job (the caller then throws DelayedError). */
  async park(job: Job, token: string | undefined, webhookId: string): Promise<void> {
    const now = Date.now();
    this.parkedHere.add(webhookId);
    await job.moveToDelayed(now + Math.round(PARK_SAFETY_MS * (0.5 + this.random())), token);
    const client = (await this.worker.client) as unknown as Redis;
    // The set outlives its last member's safety delay and then goes by itself.
    await client
      .multi()
      .zadd(this.key(webhookId), now, job.id!)
      .pexpire(this.key(webhookId), 3 * PARK_SAFETY_MS)
      .exec();
    // Again: a promote that found the set empty meanwhile forgot it.
    this.parkedHere.add(webhookId);
  }

  /**
   * Moves up to `count` parked jobs of the webhook back to the wait list, oldest first. An id whose
   * job is no longer delayed (it came back by its safety delay, or was promoted twice) is skipped.
   */
  async promote(webhookId: string, count: number): Promise<void> {
    if (!this.parkedHere.has(webhookId) || count <= 0) return;
    const client = (await this.worker.client) as unknown as Redis;
    let promoted = 0;
    for (let tries = 0; promoted < count && tries < count + 5; tries++) {
      const [id] = await client.zpopmin(this.key(webhookId), 1);
      if (!id) {
        this.parkedHere.delete(webhookId);
        return;
      }
      try {
        await new Job(this.worker, JobName.Deliver, {}, {}, id).promote();
        promoted++;
      } catch {
        // Not delayed any more: nothing to promote.
      }
    }
  }

  /** Drops a removed job's id from the webhook's parked set, so no promote spends a try on it. */
  async forget(webhookId: string, jobId: string): Promise<void> {
    const client = (await this.worker.client) as unknown as Redis;
    await client.zrem(this.key(webhookId), jobId);
  }

  private key(webhookId: string): string {
    return this.worker.toKey(`parked:${webhookId}`);
  }
}
