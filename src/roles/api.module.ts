import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { AdminApiModule } from './admin-api.module';
import { infrastructure } from './infrastructure';

/** ROLE=api: the admin API; queues delivery jobs, consumes none. */
@Module({})
export class ApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return { module: ApiModule, imports: [...infrastructure(config), AdminApiModule] };
  }
}
