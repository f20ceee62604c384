import { DynamicModule, Module } from '@nestjs/common';
import { EventPublisher } from './event-publisher.service';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

@Module({})
export class EventsModule {
  static forRoot(opts: { api: boolean }): DynamicModule {
    return {
      module: EventsModule,
      global: true,
      controllers: opts.api ? [EventsController] : [],
      providers: [EventPublisher, ...(opts.api ? [EventsService] : [])],
      exports: [EventPublisher],
    };
  }
}
