import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { BulkResendService } from './bulk-resend.service';
import { DeliveriesController } from './deliveries.controller';
import { DeliveriesModule } from './deliveries.module';
import { DeliveriesService } from './deliveries.service';

/** The deliveries' admin routes (ROLE all|api). */
@Module({
  imports: [DeliveriesModule, WebhooksModule],
  controllers: [DeliveriesController],
  providers: [DeliveriesService, BulkResendService],
})
export class DeliveriesApiModule {}
