import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module, type Provider } from '@nestjs/common';
import { DeliveriesController } from './deliveries.controller';
import { BulkResendService } from './bulk-resend.service';
import { DeliveriesService } from './deliveries.service';
import { DeliveryJobs } from './delivery-jobs';
import { DeliveryLogWriter } from './delivery-log.writer';
import { DeliveryMetrics } from './delivery-metrics';
import { QueueName } from './delivery-queue';
import { DeliveryReconciler } from './delivery-reconciler.service';
import { DeliverySender } from './delivery-sender';
import { DeliveryProcessor } from './delivery.processor';
import { DeliveryRepository } from './delivery.repository';

/** The queue everywhere; the worker and the reconciler only where jobs are consumed (ROLE all|worker). */
@Module({})
export class DeliveriesModule {
  static forRoot(opts: { api: boolean; worker: boolean }): DynamicModule {
    const providers: Provider[] = [DeliveryRepository, DeliveryJobs, DeliverySender, DeliveryMetrics];
    if (opts.worker) providers.push(DeliveryLogWriter, DeliveryProcessor, DeliveryReconciler);
    if (opts.api) providers.push(DeliveriesService, BulkResendService);
    const queue = BullModule.registerQueue({ name: QueueName.Deliveries });
    return {
      module: DeliveriesModule,
      global: true,
      imports: [queue],
      controllers: opts.api ? [DeliveriesController] : [],
      providers,
      exports: [queue, DeliveryRepository, DeliveryJobs, DeliverySender, DeliveryMetrics],
    };
  }
}
