import { INestApplication, INestApplicationContext, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { roleModule } from './roles/role-module';
import { AppConfig } from './config/app-config';

export interface RunningEmulator {
  context: INestApplicationContext;
  /** Set when this process serves the admin API. */
  http?: INestApplication;
  url?: string;
}

/** Builds and starts the Nest application for the configured ROLE (`port` 0 picks a free one). */
export async function startEmulator(config: AppConfig, logger: LoggerService): Promise<RunningEmulator> {
  const module = roleModule(config);
  if (!config.runsApi) {
    // abortOnError false: a failed start reaches main(), which says what to do and stops what it started.
    const context = await NestFactory.createApplicationContext(module, { logger, abortOnError: false });
    return { context };
  }
  // Loaded only here, as the role modules are: a worker never loads the HTTP side (Swagger, the API document).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startApiApp } = require('./api-app') as typeof import('./api-app');
  const { app, url } = await startApiApp(config, module, logger);
  return { context: app, http: app, url };
}
