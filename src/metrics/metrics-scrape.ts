import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { collectDefaultMetrics, Gauge, register } from 'prom-client';
import { DeliveryMetrics } from '../deliveries/delivery-metrics';
import { QueueName } from '../deliveries/delivery-queue';
import { WebhookRegistry } from '../webhooks/webhook-registry.service';
import { metric } from '../common/metric';

/** What every process serves on /metrics: its own series, the shared queue's depth, Node's defaults. */
@Injectable()
export class MetricsScrape {
  readonly contentType = register.contentType;
  private readonly jobs = metric(
    'emulator_delivery_jobs',
    () => new Gauge({ name: 'emulator_delivery_jobs', help: 'Delivery jobs in the queue, by state', labelNames: ['state'] }),
  );

  constructor(
    @InjectQueue(QueueName.Deliveries) private readonly queue: Queue,
    private readonly deliveries: DeliveryMetrics,
    private readonly registry: WebhookRegistry,
  ) {
    // Once per process: several Nest apps in one process (tests) share prom-client's registry.
    if (!register.getSingleMetric('process_cpu_user_seconds_total')) collectDefaultMetrics();
  }

  async metrics(): Promise<string> {
    // Queue depth is read at scrape time: it lives in Redis, shared by every process.
    const counts = await this.queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
    for (const [state, n] of Object.entries(counts)) this.jobs.set({ state }, n);
    await this.deliveries.forgetWebhooks((id) => this.registry.webhook(id) !== undefined);
    return register.metrics();
  }
}
