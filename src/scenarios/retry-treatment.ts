import { SeededRandom } from '../common/seeded-random';
import type { RetryOptions } from './scenario-options';

export interface Treatment {
  duplicate: boolean;
  outOfOrder: boolean;
}

/**
 * Decided from the seed and the event Id alone (not from a shared stream), so the choice for an
 * event never depends on how many events came before it or in what order they were published.
 */
export function treatmentFor(seed: string, eventId: string, retry: RetryOptions): Treatment {
  if (retry.duplicateRate === 0 && retry.outOfOrderRate === 0) return { duplicate: false, outOfOrder: false };
  const rng = new SeededRandom(seed).fork(`retry:${eventId}`);
  return { duplicate: rng.bool(retry.duplicateRate), outOfOrder: rng.bool(retry.outOfOrderRate) };
}
