import { Module } from '@nestjs/common';
import { SimulationModule } from '../simulation/simulation.module';
import { ScenarioMetrics } from './scenario-metrics';
import { ScenariosController } from './scenarios.controller';
import { ScenariosService } from './scenarios.service';

/** Scenarios drive the simulation, so they run where it runs (ROLE all|api). */
@Module({ imports: [SimulationModule], controllers: [ScenariosController], providers: [ScenariosService, ScenarioMetrics] })
export class ScenariosModule {}
