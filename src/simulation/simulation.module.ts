import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { EventsModule } from '../events/events.module';
import { OrganizationModule } from '../organization/organization.module';
import { SmartRoutingModule } from '../smart-routing/smart-routing.module';
import { SimulationController } from './simulation.controller';
import { SimulationService } from './simulation.service';

/** The simulation runs where the admin API runs (ROLE all|api): commands and state share a process. */
@Module({
  // DeliveriesModule: the delivery queue's depth holds an engine running as fast as possible.
  imports: [EventsModule, DeliveriesModule, OrganizationModule, SmartRoutingModule],
  controllers: [SimulationController],
  providers: [SimulationService],
  exports: [SimulationService],
})
export class SimulationModule {}
