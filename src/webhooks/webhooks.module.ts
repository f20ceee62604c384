import { DynamicModule, Module } from '@nestjs/common';
import { WebhookRegistry } from './webhook-registry.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksService } from './webhooks.service';

@Module({})
export class WebhooksModule {
  /** The registry runs in every process (matching in the API, lookups in the worker); the API only where served. */
  static forRoot(opts: { api: boolean }): DynamicModule {
    return {
      module: WebhooksModule,
      global: true,
      controllers: opts.api ? [WebhooksController] : [],
      providers: [WebhookRegistry, ...(opts.api ? [WebhooksService] : [])],
      exports: [WebhookRegistry],
    };
  }
}
