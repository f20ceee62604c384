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
  private lingering: NodeJS.Timeout | null = null;
  private running = 0;
  private inFlightItems = 0;

  /**
   * `lingerMs` > 0 holds a flush back that long (unless a full batch is waiting), so a steady
   * trickle goes out in fewer, larger batches: for writes no caller waits on.
   */
  constructor(
    private readonly flush: (items: In[]) => Promise<(Out | ItemFailed)[]>,
    private readonly maxBatch = 1000,
    private readonly maxConcurrentFlushes = 2,
    private readonly lingerMs = 0,
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
    if (this.running >= this.maxConcurrentFlushes || this.pending.length === 0) return;
    const full = this.pending.length >= this.maxBatch;
    if (this.scheduled && !(full && this.lingering)) return;
    if (this.lingering) clearTimeout(this.lingering);
    this.lingering = null;
    this.scheduled = true;
    const go = () => {
      this.scheduled = false;
      this.lingering = null;
      void this.run();
    };
    if (this.lingerMs > 0 && !full) this.lingering = setTimeout(go, this.lingerMs);
    else setImmediate(go);
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
