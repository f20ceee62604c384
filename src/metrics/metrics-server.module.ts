import { Module } from '@nestjs/common';
import { MetricsModule } from './metrics.module';
import { MetricsServer } from './metrics-server';

/** /metrics on its own METRICS_PORT, for a process without the admin API (ROLE worker). */
@Module({ imports: [MetricsModule], providers: [MetricsServer] })
export class MetricsServerModule {}
