import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { DeliveryJobs } from './delivery-jobs';
import { DeliveryMetrics } from './delivery-metrics';
import { QueueName } from './delivery-queue';
import { DeliveryRepository } from './delivery.repository';

const queue = BullModule.registerQueue({ name: QueueName.Deliveries });

/** The delivery queue and rows, in every role: the API queues jobs, the worker consumes them. */
@Module({
  imports: [queue, WebhooksModule],
  providers: [DeliveryRepository, DeliveryJobs, DeliveryMetrics],
  exports: [queue, DeliveryRepository, DeliveryJobs, DeliveryMetrics],
})
export class DeliveriesModule {}
