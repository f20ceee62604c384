import { Module } from '@nestjs/common';
import { SimulationController } from './simulation.controller';
import { SimulationService } from './simulation.service';

/** The simulation runs where the admin API runs (ROLE all|api): commands and state share a process. */
@Module({ controllers: [SimulationController], providers: [SimulationService], exports: [SimulationService] })
export class SimulationModule {}
