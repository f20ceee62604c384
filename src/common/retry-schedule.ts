/**
 * When failed deliveries are tried again. Pure functions: the worker supplies the random source
 * and the time scale, so a seeded scenario replays the same waits.
 */

/**
 * Waits before retries 1, 2 and 3: four attempts in all, then the delivery is discarded.
 * Frozen so a caller that mutates the shared default fails loudly; typed number[] for ease of use.
 */
export const DEFAULT_RETRY_SCHEDULE_MS = Object.freeze([10_000, 60_000, 300_000]) as number[];

export interface RetryDelayOptions {
  /** Relative spread, e.g. 0.2 for ±20 %. Between 0 and 1. */
  jitter: number;
  /** Waits are divided by this; above 1 shrinks them (fast scenarios, tests). */
  timeScale: number;
  /** Uniform in [0, 1), like Math.random; injected for reproducible runs. */
  random: () => number;
}

/** The first attempt plus one retry per schedule entry. */
export function maxAttempts(scheduleMs: readonly number[]): number {
  return scheduleMs.length + 1;
}

/**
 * Milliseconds to wait before the next attempt, given how many attempts were already made
 * (1 after the first failure). Past the end of the schedule the last entry repeats; an empty
 * schedule has nothing to wait for and gives 0.
 */
export function retryDelayMs(attemptsMade: number, scheduleMs: readonly number[], opts: RetryDelayOptions): number {
  if (!(opts.timeScale > 0) || !Number.isFinite(opts.timeScale)) {
    throw new RangeError(`timeScale must be a positive number, got ${opts.timeScale}`);
  }
  if (!(opts.jitter >= 0 && opts.jitter <= 1)) {
    throw new RangeError(`jitter must be between 0 and 1, got ${opts.jitter}`);
  }
  if (scheduleMs.length === 0) return 0;
  const index = Math.min(Math.max(Math.floor(attemptsMade) - 1, 0), scheduleMs.length - 1);
  const base = scheduleMs[index];
  // random() in [0, 1) maps to a factor in [1 - jitter, 1 + jitter).
  const factor = 1 + opts.jitter * (2 * opts.random() - 1);
  return Math.max(0, Math.round((base * factor) / opts.timeScale));
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000 };
const ITEM = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h)?$/i;

/**
 * Parses a schedule such as "10s,1m,5m", "500ms, 2s" or plain milliseconds "100,200".
 * Units: ms, s, m, h; no unit means milliseconds. Throws naming the first bad item.
 */
export function parseSchedule(text: string): number[] {
  if (text.trim() === '') throw new Error('retry schedule is empty; expected e.g. "10s,1m,5m"');
  return text.split(',').map((raw, i) => {
    const item = raw.trim();
    const match = ITEM.exec(item);
    if (!match) {
      throw new Error(`retry schedule item ${i + 1} ("${item}") is not a duration; expected a number with an optional unit ms, s, m or h, as in "10s,1m,5m"`);
    }
    const unit = (match[2] ?? 'ms').toLowerCase();
    return Math.round(Number(match[1]) * UNIT_MS[unit]);
  });
}
