import { DynamicModule, Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { MetricsScrape } from './metrics-scrape';
import { MetricsServer } from './metrics-server';

/** /metrics in every role: on the admin API where it is served, else on its own METRICS_PORT. */
@Module({})
export class MetricsModule {
  static forRoot(opts: { api: boolean }): DynamicModule {
    return {
      module: MetricsModule,
      controllers: opts.api ? [MetricsController] : [],
      providers: [MetricsScrape, ...(opts.api ? [] : [MetricsServer])],
    };
  }
}
