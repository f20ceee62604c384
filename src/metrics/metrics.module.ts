import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { MetricsScrape } from './metrics-scrape';

/** What /metrics shows; served by MetricsApiModule or MetricsServerModule depending on the role. */
@Module({ imports: [DeliveriesModule, WebhooksModule], providers: [MetricsScrape], exports: [MetricsScrape] })
export class MetricsModule {}
