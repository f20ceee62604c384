import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { DeliveriesModule } from './deliveries.module';
import { DeliveryLogWriter } from './delivery-log.writer';
import { DeliveryReconciler } from './delivery-reconciler.service';
import { DeliverySender } from './delivery-sender';
import { DeliveryProcessor } from './delivery.processor';

/** Consumes the delivery jobs (ROLE all|worker). */
@Module({
  imports: [DeliveriesModule, WebhooksModule],
  providers: [DeliverySender, DeliveryLogWriter, DeliveryProcessor, DeliveryReconciler],
})
export class DeliveryWorkerModule {}
