import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { metric } from '../metrics/metric';

/** Scenario figures on /metrics. */
@Injectable()
export class ScenarioMetrics {
  private readonly progress = metric(
    'emulator_scenario_progress',
    () => new Gauge({ name: 'emulator_scenario_progress', help: 'Calls placed / calls planned, by scenario', labelNames: ['scenario_id'] }),
  );

  setProgress(scenarioId: string, placed: number, planned: number): void {
    this.progress.set({ scenario_id: scenarioId }, planned === 0 ? 1 : placed / planned);
  }
}
