import { Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { worthRetrying } from '../common/startup-problem';
import { API_LOCK_TIMEOUT_MS, DEFAULT_DATABASE_URL, dataSourceOptions } from './data-source-options';
import { runMigrationsLocked } from './run-migrations';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      // A refused login or a missing database stops the start at once, not after nine retries.
      useFactory: (config: AppConfig) => ({
        ...dataSourceOptions(config.database.url ?? DEFAULT_DATABASE_URL, config.runsApi ? API_LOCK_TIMEOUT_MS : undefined),
        toRetry: worthRetrying,
      }),
      dataSourceFactory: async (options) => {
        const dataSource = await new DataSource(options!).initialize();
        await runMigrationsLocked(dataSource, new Logger('Migrations'));
        return dataSource;
      },
    }),
  ],
})
export class DatabaseModule {}
