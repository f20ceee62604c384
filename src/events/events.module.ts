import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { EventPublisher } from './event-publisher.service';
import { EventsController } from './events.controller';
import { EventsService } from './events.service';

/** Events are published where the admin API and the simulation run (ROLE all|api). */
@Module({
  imports: [DeliveriesModule, WebhooksModule],
  controllers: [EventsController],
  providers: [EventPublisher, EventsService],
  exports: [EventPublisher],
})
export class EventsModule {}
