/**
 * Backpressure from the delivery queue for an engine running as fast as possible. The outbox
 * accepts events faster than a worker delivers them, and a worker drains a large backlog more
 * slowly than a small one (see the README's 300,000 backlog), so the engine waits while more than
 * `limit` deliveries wait in the queue and goes on below half of it. A queue nobody consumes (no
 * worker running) does not hold it: a wait ends once the count has not fallen for `stallMs`.
 */
export class DeliveryBacklogGate {
  private last = 0;
  private readAt = Number.NEGATIVE_INFINITY;
  private reading: Promise<number> | null = null;
  /** The count at which a wait gave up (nobody consumed); no wait starts again until it falls below it. */
  private stalledAt: number | null = null;

  constructor(
    /** Deliveries waiting in the queue now (a Redis read). */
    private readonly waiting: () => Promise<number>,
    private readonly limit = 20_000,
    private readonly options: { refreshMs?: number; pollMs?: number; stallMs?: number; now?: () => number } = {},
  ) {}

  /** Null (go on) unless the last reading is over the limit; refreshes the reading in the background. */
  check(): Promise<void> | null {
    const now = this.now();
    if (now - this.readAt >= (this.options.refreshMs ?? 100)) void this.read().catch(() => undefined);
    if (this.stalledAt !== null) {
      if (this.last >= this.stalledAt) return null;
      this.stalledAt = null;
    }
    return this.last > this.limit ? this.drain() : null;
  }

  private async drain(): Promise<void> {
    const pollMs = this.options.pollMs ?? 50;
    const stallMs = this.options.stallMs ?? 2000;
    let lowest = this.last;
    let fellAt = this.now();
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      let count: number;
      try {
        count = await this.read();
      } catch {
        return; // Redis unreadable: the outbox's own limit still holds the engine
      }
      if (count <= this.limit / 2) return;
      if (count < lowest) {
        lowest = count;
        fellAt = this.now();
      } else if (this.now() - fellAt >= stallMs) {
        this.stalledAt = lowest;
        return;
      }
    }
  }

  private read(): Promise<number> {
    this.reading ??= this.waiting().then(
      (count) => {
        this.last = count;
        this.readAt = this.now();
        this.reading = null;
        return count;
      },
      (error: unknown) => {
        this.readAt = this.now();
        this.reading = null;
        throw error;
      },
    );
    return this.reading;
  }

  private now(): number {
    return this.options.now?.() ?? performance.now();
  }
}
