interface Waiter {
  grant: (ok: boolean) => void;
  timer: NodeJS.Timeout;
}

/**
 * How fast a key's slots have been freeing: releases counted over windows of at least
 * RATE_WINDOW_MS, so one long gap (a garbage collection) does not make a busy receiver look slow.
 */
interface Turnover {
  last: number;
  windowStart: number;
  releases: number;
  /** Releases per ms over the last full window; NaN until one is full. */
  perMs: number;
}

const RATE_WINDOW_MS = 100;

/**
 * Caps attempts in flight per webhook, so one hung receiver holds at most its cap of worker slots.
 * At the cap a job may wait briefly for a slot (a healthy receiver frees one within milliseconds)
 * and is refused when none frees in time, so the caller can park it and give its worker slot back.
 * The cap is given per call: it drops to a few probes while a receiver is unreachable.
 */
export class InFlightLimiter {
  private readonly counts = new Map<string, number>();
  private readonly waiters = new Map<string, Waiter[]>();
  private readonly turnover = new Map<string, Turnover>();

  constructor(private readonly limit: number) {}

  /** Resolves true with a slot taken, or false when none freed within maxWaitMs. */
  acquire(key: string, maxWaitMs: number, limit = this.limit): Promise<boolean> {
    const current = this.counts.get(key) ?? 0;
    if (current < limit) {
      this.counts.set(key, current + 1);
      return Promise.resolve(true);
    }
    if (maxWaitMs <= 0) return Promise.resolve(false);
    return new Promise<boolean>((resolve) => {
      const queue = this.waiters.get(key) ?? [];
      this.waiters.set(key, queue);
      const waiter: Waiter = {
        grant: resolve,
        timer: setTimeout(() => {
          queue.splice(queue.indexOf(waiter), 1);
          if (queue.length === 0) this.waiters.delete(key);
          resolve(false);
        }, maxWaitMs),
      };
      queue.push(waiter);
    });
  }

  /**
   * How long one more waiter for `key` can expect to wait, from how fast its slots have been
   * freeing: null when none has freed yet, Infinity when none freed for `staleMs` (a hung receiver).
   */
  expectedWaitMs(key: string, staleMs: number): number | null {
    const t = this.turnover.get(key);
    if (!t) return null;
    const now = performance.now();
    if (now - t.last > staleMs) return Infinity;
    // Before a full window, the pace so far.
    const perMs = Number.isNaN(t.perMs) ? t.releases / Math.max(1, now - t.windowStart) : t.perMs;
    return ((this.waiters.get(key)?.length ?? 0) + 1) / perMs;
  }

  /** Frees a slot; it passes straight to a waiter unless the webhook is above `limit` (its cap dropped). */
  release(key: string, limit = this.limit): void {
    const now = performance.now();
    const t = this.turnover.get(key);
    if (!t) this.turnover.set(key, { last: now, windowStart: now, releases: 1, perMs: NaN });
    else {
      t.last = now;
      t.releases++;
      if (now - t.windowStart >= RATE_WINDOW_MS) {
        t.perMs = t.releases / (now - t.windowStart);
        t.windowStart = now;
        t.releases = 0;
      }
    }
    let count = (this.counts.get(key) ?? 0) - 1;
    // Waiters take the freed slot (the count stays the same), and as many more as a cap that rose
    // (a receiver's first answer, or its recovery) now has room for.
    const queue = this.waiters.get(key);
    while (queue && queue.length > 0 && count < limit) {
      const next = queue.shift()!;
      clearTimeout(next.timer);
      next.grant(true);
      count++;
    }
    if (queue?.length === 0) this.waiters.delete(key);
    if (count <= 0) {
      this.counts.delete(key);
      // Nothing in flight any more: the next burst measures its own pace.
      this.turnover.delete(key);
    } else this.counts.set(key, count);
  }

  inFlight(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}
