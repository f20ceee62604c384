interface Waiter {
  grant: (ok: boolean) => void;
  timer: NodeJS.Timeout;
}

/**
 * Caps attempts in flight per webhook, so one hung receiver holds at most `limit` worker slots.
 * At the cap a job waits briefly for a slot (a healthy receiver frees one within milliseconds)
 * and is told to step aside when none frees in time (a hung receiver), so the caller can give its
 * worker slot back.
 */
export class InFlightLimiter {
  private readonly counts = new Map<string, number>();
  private readonly waiters = new Map<string, Waiter[]>();

  constructor(private readonly limit: number) {}

  /** Resolves true with a slot taken, or false when none freed within maxWaitMs. */
  acquire(key: string, maxWaitMs: number): Promise<boolean> {
    const current = this.counts.get(key) ?? 0;
    if (current < this.limit) {
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

  release(key: string): void {
    const queue = this.waiters.get(key);
    const next = queue?.shift();
    if (next) {
      // The slot passes straight to the next waiter; the count stays the same.
      if (queue!.length === 0) this.waiters.delete(key);
      clearTimeout(next.timer);
      next.grant(true);
      return;
    }
    const current = this.counts.get(key) ?? 0;
    if (current <= 1) this.counts.delete(key);
    else this.counts.set(key, current - 1);
  }

  inFlight(key: string): number {
    return this.counts.get(key) ?? 0;
  }
}
