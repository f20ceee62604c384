import { InjectQueue } from '@nestjs/bullmq';
import { ConflictException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { QueueName } from '../deliveries/delivery-queue';

/** What a reset empties: the record of what happened. Webhooks, subscriptions, the organisation and SmartRouting settings stay. */
export const RESET_TABLES = ['events', 'deliveries', 'delivery_attempts', 'scenarios', 'smart_routing_requests'] as const;
const SETTLE_POLL_MS = 50;

/**
 * POST /api/reset, for use between tests. The rows go in one TRUNCATE; then the queued jobs of the
 * removed deliveries (waiting or waiting to retry) are removed, so none of them is sent or logged
 * later. An attempt in flight at that moment ends normally; its job is removed once it has ended,
 * so it is not retried. A delivery accepted while the reset runs keeps its row, and if its job was
 * removed with the others the reconciler queues it again: nothing accepted after the reset is lost.
 */
@Injectable()
export class ResetService {
  private readonly logger = new Logger(ResetService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectQueue(QueueName.Deliveries) private readonly queue: Queue,
    private readonly config: AppConfig,
  ) {}

  async reset() {
    const [{ n }]: { n: number }[] = await this.dataSource.query(`SELECT count(*)::int AS n FROM scenarios WHERE status IN ('running', 'draining')`);
    if (n > 0) throw new ConflictException('A scenario is running; stop it (DELETE /api/scenarios/:id) before a reset');
    const inFlight = (await this.queue.getJobs(['active'])).map((j) => j.id).filter((id): id is string => !!id);
    const jobsBefore = await this.queue.getJobCountByTypes('waiting', 'delayed', 'prioritized', 'paused');
    await this.dataSource.query(`TRUNCATE ${RESET_TABLES.join(', ')}`);
    await this.queue.drain(true);
    const settled = await this.removeWhenEnded(inFlight);
    this.logger.log(`Reset: events, deliveries, attempts, scenario runs and SmartRouting requests removed; ${jobsBefore} queued job(s) removed`);
    return { Removed: RESET_TABLES, QueuedJobsRemoved: jobsBefore, InFlightAttemptsLeftToEnd: inFlight.length - settled };
  }

  /** Waits (at most one attempt's time-out) for the attempts in flight, then removes their jobs so none retries. */
  private async removeWhenEnded(ids: string[]): Promise<number> {
    const deadline = Date.now() + this.config.delivery.timeoutMs + 1000;
    let left = ids;
    while (left.length && Date.now() < deadline) {
      const states = await Promise.all(left.map(async (id) => ({ id, state: await this.queue.getJobState(id) })));
      for (const { id, state } of states) if (state !== 'active') await this.queue.remove(id).catch(() => 0);
      left = states.filter((s) => s.state === 'active').map((s) => s.id);
      if (left.length) await new Promise((r) => setTimeout(r, SETTLE_POLL_MS));
    }
    return ids.length - left.length;
  }
}
