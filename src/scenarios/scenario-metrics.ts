import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { metric } from '../common/metric';

/**
 * Scenario figures on /metrics. One scenario runs at a time, so only the latest one keeps a series:
 * a label per scenario ever run would grow without bound.
 */
@Injectable()
export class ScenarioMetrics {
  private readonly progress = metric(
    'emulator_scenario_progress',
    () =>
      new Gauge({
        name: 'emulator_scenario_progress',
        help: 'Calls placed / calls planned of the latest scenario',
        labelNames: ['scenario_id'],
      }),
  );
  private latest: string | null = null;

  setProgress(scenarioId: string, placed: number, planned: number): void {
    if (scenarioId !== this.latest) {
      this.progress.reset();
      this.latest = scenarioId;
    }
    this.progress.set({ scenario_id: scenarioId }, planned === 0 ? 1 : placed / planned);
  }
}
