import type { SeededRandom } from '../common/seeded-random';
import type { LoadShape } from './scenario-options';

/**
 * Call arrival offsets (virtual milliseconds from the start, ascending) for a load. The k-th call
 * falls where the cumulative rate reaches k + u (u drawn from the seed): the count is exact, the
 * spacing follows the rate, and the same seed gives the same times.
 */
export function arrivalOffsetsMs(load: LoadShape, rng: SeededRandom): number[] {
  const durationMs = load.durationSeconds * 1000;
  const times: number[] = [];
  const push = (seconds: number): void => {
    const ms = Math.round(seconds * 1000);
    if (ms < durationMs) times.push(ms);
  };
  if (load.pattern === 'ramp') {
    const a = load.from;
    const b = (load.to - load.from) / load.durationSeconds; // calls/s per second
    const total = Math.floor(((load.from + load.to) / 2) * load.durationSeconds);
    for (let k = 0; k < total; k++) {
      const x = k + rng.next();
      // Solve a·t + b·t²/2 = x for t >= 0.
      push(Math.abs(b) < 1e-12 ? x / a : (-a + Math.sqrt(Math.max(0, a * a + 2 * b * x))) / b);
    }
    return times;
  }
  const base = Math.floor(load.callsPerSecond * load.durationSeconds);
  for (let k = 0; k < base; k++) push((k + rng.next()) / load.callsPerSecond);
  if (load.pattern === 'bursts') {
    // A burst's calls arrive within one virtual second of its start.
    for (let at = 0; at < load.durationSeconds; at += load.burstEverySeconds) {
      for (let i = 0; i < load.burstCalls; i++) push(at + rng.next());
    }
    times.sort((x, y) => x - y);
  }
  return times;
}
