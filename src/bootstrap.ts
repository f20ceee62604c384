import { INestApplication, INestApplicationContext, LoggerService, ValidationPipe } from '@nestjs/common';
import { HttpAdapterHost, NestFactory } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module';
import { AppConfig } from './config/app-config';
import { DependencyOutageFilter } from './common/dependency-outage.filter';
import { validationExceptionFactory } from './common/validation-errors';

export interface RunningEmulator {
  context: INestApplicationContext;
  /** Set when this process serves the admin API. */
  http?: INestApplication;
  url?: string;
}

/** Builds and starts the Nest application for the configured ROLE (`port` 0 picks a free one). */
export async function startEmulator(config: AppConfig, logger: LoggerService): Promise<RunningEmulator> {
  const module = AppModule.forRoot(config);
  if (!config.runsApi) {
    const context = await NestFactory.createApplicationContext(module, { logger });
    return { context };
  }
  const app = await NestFactory.create(module, { logger });
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  app.useGlobalFilters(new DependencyOutageFilter(app.get(HttpAdapterHost).httpAdapter));
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Enreach webhook emulator')
      .setDescription('Admin API: events, webhooks, deliveries, simulation, SmartRouting and scenarios')
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-Admin-Key' }, 'admin-key')
      .addSecurityRequirements('admin-key')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
  await app.listen(config.http.port, config.http.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const host = config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host;
  return { context: app, http: app, url: `http://${host}:${port}` };
}
