import { InjectQueue } from '@nestjs/bullmq';
import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Queue } from 'bullmq';
import { Gauge, register } from 'prom-client';
import { Public } from '../auth/public.decorator';
import { QueueName } from '../deliveries/delivery-queue';
import { metric } from './metric';

@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  private readonly jobs = metric(
    'emulator_delivery_jobs',
    () => new Gauge({ name: 'emulator_delivery_jobs', help: 'Delivery jobs in the queue, by state', labelNames: ['state'] }),
  );

  constructor(@InjectQueue(QueueName.Deliveries) private readonly queue: Queue) {}

  @Get()
  @Public()
  @Header('Content-Type', register.contentType)
  @ApiOperation({ summary: 'Prometheus metrics: events, attempts by outcome, durations, queue depth, discards' })
  async scrape(): Promise<string> {
    // Queue depth is read at scrape time: it lives in Redis, shared by every process.
    const counts = await this.queue.getJobCounts('waiting', 'delayed', 'active', 'prioritized');
    for (const [state, n] of Object.entries(counts)) this.jobs.set({ state }, n);
    return register.metrics();
  }
}
