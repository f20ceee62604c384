import type { DynamicModule } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { AllModule } from './all.module';
import { ApiModule } from './api.module';
import { WorkerModule } from './worker.module';

/** The root module of the configured ROLE. */
export function roleModule(config: AppConfig): DynamicModule {
  switch (config.role) {
    case 'api':
      return ApiModule.forRoot(config);
    case 'worker':
      return WorkerModule.forRoot(config);
    case 'all':
      return AllModule.forRoot(config);
  }
}
