import { Module } from '@nestjs/common';
import { EventsModule } from '../events/events.module';
import { OrganizationModule } from '../organization/organization.module';
import { SmartRoutingModule } from '../smart-routing/smart-routing.module';
import { SimulationController } from './simulation.controller';
import { SimulationService } from './simulation.service';

/** The simulation runs where the admin API runs (ROLE all|api): commands and state share a process. */
@Module({
  imports: [EventsModule, OrganizationModule, SmartRoutingModule],
  controllers: [SimulationController],
  providers: [SimulationService],
  exports: [SimulationService],
})
export class SimulationModule {}
