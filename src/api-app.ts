import { type DynamicModule, type LoggerService, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { AppConfig } from './config/app-config';
import { validationExceptionFactory } from './common/validation-errors';
import { ApiExceptionFilter } from './common/errors/api-exception.filter';
import { buildOpenApiDocument } from './openapi-document';
import { hostCheckMiddleware } from './common/http/host-check';
import { requestBodyMiddleware } from './common/http/request-body';
import { answerMalformedRequests } from './common/http/malformed-request';
import { UnexpectedBodyGuard } from './common/http/unexpected-body.guard';
import { UnexpectedQueryGuard } from './common/http/unexpected-query.guard';

/** The HTTP application of a role that serves the admin API, listening; `port` 0 picks a free one. */
export async function startApiApp(config: AppConfig, module: DynamicModule, logger: LoggerService): Promise<{ app: NestExpressApplication; url: string }> {
  // Nest's body parser is replaced by requestBodyMiddleware: limits apply before anything is parsed.
  const app = await NestFactory.create<NestExpressApplication>(module, { logger, bodyParser: false, abortOnError: false });
  app.disable('x-powered-by');
  answerMalformedRequests(app.getHttpServer());
  if (!config.http.adminApiKey) app.use(hostCheckMiddleware(config.http.allowedHosts));
  app.use(requestBodyMiddleware());
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useGlobalGuards(new UnexpectedBodyGuard(), new UnexpectedQueryGuard());
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationExceptionFactory,
    }),
  );
  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/json' });
  await app.listen(config.http.port, config.http.host);
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : config.http.port;
  const host = config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host;
  return { app, url: `http://${host}:${port}` };
}
