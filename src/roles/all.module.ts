import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DeliveryWorkerModule } from '../deliveries/delivery-worker.module';
import { AdminApiModule } from './admin-api.module';
import { infrastructure } from './infrastructure';

/** ROLE=all: the admin API and the delivery worker in one process (/metrics on the API's port). */
@Module({})
export class AllModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: AllModule, imports: [...infrastructure(config), AdminApiModule, DeliveryWorkerModule] };
  }
}
