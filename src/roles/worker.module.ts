import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DeliveryWorkerModule } from '../deliveries/delivery-worker.module';
import { MetricsServerModule } from '../metrics/metrics-server.module';
import { infrastructure } from './infrastructure';

/** ROLE=worker: consumes delivery jobs and serves only /metrics on METRICS_PORT. */
@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: WorkerModule, imports: [...infrastructure(config), DeliveryWorkerModule, MetricsServerModule] };
  }
}
