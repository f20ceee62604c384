import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { EventPublisher } from './event-publisher.service';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';
import { LANDIS_EVENT_SINK } from '../landis';
import { LandisEventPublisher } from './landis-event-publisher.service';

/** Events are published where the admin API and the simulation run (ROLE all|api). */
@Module({
  imports: [DeliveriesModule, WebhooksModule],
  controllers: [EventsController],
  providers: [
    EventPublisher,
    LandisEventPublisher,
    // The simulation hands finished calls' Landis records here (src/landis/landis-event-sink.ts).
    { provide: LANDIS_EVENT_SINK, useExisting: LandisEventPublisher },
    EventsService,
  ],
  exports: [EventPublisher, LandisEventPublisher, LANDIS_EVENT_SINK],
})
export class EventsModule {}
