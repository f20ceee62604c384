import type { DynamicModule } from '@nestjs/common';
import { AppConfig } from '../config/app-config';

/**
 * The root module of the configured ROLE, loaded on demand: a worker then never loads the admin
 * API's controllers, DTO validation, Swagger or the CLI (~20 MB less worker RSS). `require`, not
 * `import()`: compiled for CommonJS, `import()` would stay an ES import, which Jest cannot run.
 */
export function roleModule(config: AppConfig): DynamicModule {
  /* eslint-disable @typescript-eslint/no-require-imports */
  switch (config.role) {
    case 'api':
      return (require('./api.module') as typeof import('./api.module')).ApiModule.forRoot(config);
    case 'worker':
      return (require('./worker.module') as typeof import('./worker.module')).WorkerModule.forRoot(config);
    case 'all':
      return (require('./all.module') as typeof import('./all.module')).AllModule.forRoot(config);
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
}
