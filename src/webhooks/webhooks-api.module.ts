import { Module } from '@nestjs/common';
import { DeliveryCounts } from './delivery-counts.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksModule } from './webhooks.module';
import { WebhooksService } from './webhooks.service';

/** The webhooks' admin routes (ROLE all|api). */
@Module({ imports: [WebhooksModule], controllers: [WebhooksController], providers: [WebhooksService, DeliveryCounts] })
export class WebhooksApiModule {}
