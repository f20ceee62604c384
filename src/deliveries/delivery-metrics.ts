import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { metric } from '../metrics/metric';
import type { DeliverJobData } from './delivery-queue';
import type { AttemptResult } from './http-sender';

/** Prometheus series of the delivery worker. */
@Injectable()
export class DeliveryMetrics {
  private readonly attempts = metric(
    'emulator_delivery_attempts_total',
    () => new Counter({ name: 'emulator_delivery_attempts_total', help: 'Delivery attempts by outcome', labelNames: ['outcome'] }),
  );
  private readonly discards = metric(
    'emulator_deliveries_discarded_total',
    () => new Counter({ name: 'emulator_deliveries_discarded_total', help: 'Deliveries discarded after their last attempt' }),
  );
  private readonly parkedJobs = metric(
    'emulator_delivery_jobs_parked_total',
    () => new Counter({ name: 'emulator_delivery_jobs_parked_total', help: 'Jobs parked because their webhook was at its in-flight cap' }),
  );
  private readonly duration = metric(
    'emulator_delivery_attempt_duration_seconds',
    () =>
      new Histogram({
        name: 'emulator_delivery_attempt_duration_seconds',
        help: 'Duration of one HTTPS attempt',
        buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      }),
  );

  parked(): void {
    this.parkedJobs.inc();
  }

  attempt(result: AttemptResult, _job: DeliverJobData, discarded: boolean): void {
    this.attempts.inc({ outcome: result.outcome });
    this.duration.observe(result.durationMs / 1000);
    if (discarded) this.discards.inc();
  }
}
