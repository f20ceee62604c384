/** Returned by a flush in an item's place to fail that item alone. */
export class ItemFailed {
  constructor(readonly reason: unknown) {}
}

/**
 * Coalesces calls made in the same tick (and while a flush runs) into one flush, so a burst of
 * N writes costs one round trip instead of N. Each caller gets its own item's result.
 */
export class Batcher<In, Out> {
  private pending: { item: In; resolve: (out: Out) => void; reject: (e: unknown) => void }[] = [];
  private scheduled = false;
  private running = 0;
  private inFlightItems = 0;

  constructor(
    private readonly flush: (items: In[]) => Promise<(Out | ItemFailed)[]>,
    private readonly maxBatch = 1000,
    private readonly maxConcurrentFlushes = 2,
  ) {}

  /** Items waiting for a flush or in one. */
  get backlog(): number {
    return this.pending.length + this.inFlightItems;
  }

  /** Resolves when everything added so far has been flushed (or failed). */
  async drain(): Promise<void> {
    while (this.backlog > 0) await new Promise((r) => setTimeout(r, 5));
  }

  add(item: In): Promise<Out> {
    return new Promise<Out>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled || this.running >= this.maxConcurrentFlushes || this.pending.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.run();
    });
  }

  private async run(): Promise<void> {
    if (this.running >= this.maxConcurrentFlushes || this.pending.length === 0) return;
    const batch = this.pending.splice(0, this.maxBatch);
    this.running++;
    this.inFlightItems += batch.length;
    try {
      const results = await this.flush(batch.map((b) => b.item));
      batch.forEach((b, i) => {
        const result = results[i];
        if (result instanceof ItemFailed) b.reject(result.reason);
        else b.resolve(result);
      });
    } catch (e) {
      batch.forEach((b) => b.reject(e));
    } finally {
      this.inFlightItems -= batch.length;
      this.running--;
      this.schedule();
    }
  }
}
