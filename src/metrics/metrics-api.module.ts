import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller';
import { MetricsModule } from './metrics.module';

/** /metrics on the admin API's port (ROLE all|api). */
@Module({ imports: [MetricsModule], controllers: [MetricsController] })
export class MetricsApiModule {}
