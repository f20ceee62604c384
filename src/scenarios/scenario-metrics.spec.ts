import { register } from 'prom-client';
import { ScenarioMetrics } from './scenario-metrics';

describe('ScenarioMetrics', () => {
  it("keeps only the latest scenario's progress series, however many scenarios ran", async () => {
    const metrics = new ScenarioMetrics();
    for (let i = 0; i < 5; i++) {
      metrics.setProgress(`scenario-${i}`, 1, 4);
      metrics.setProgress(`scenario-${i}`, 4, 4);
    }
    const { values } = await register.getSingleMetric('emulator_scenario_progress')!.get();
    expect(values).toEqual([{ labels: { scenario_id: 'scenario-4' }, value: 1 }]);
  });
});
