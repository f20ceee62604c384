import { Batcher, ItemFailed } from './batcher';

describe('Batcher', () => {
  it('flushes calls made together as one batch and gives each caller its result', async () => {
    const batches: number[][] = [];
    const batcher = new Batcher<number, number>(async (items) => {
      batches.push(items);
      return items.map((i) => i * 2);
    });
    const results = await Promise.all([1, 2, 3].map((i) => batcher.add(i)));
    expect(results).toEqual([2, 4, 6]);
    expect(batches).toEqual([[1, 2, 3]]);
  });

  it('splits at the batch limit and rejects only the failed batch', async () => {
    const batcher = new Batcher<number, number>(
      async (items) => {
        if (items.includes(3)) throw new Error('boom');
        return items;
      },
      2,
      1,
    );
    const settled = await Promise.allSettled([1, 2, 3, 4].map((i) => batcher.add(i)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'rejected']);
  });

  it('fails a single item when the flush marks it failed', async () => {
    const batcher = new Batcher<number, number>(async (items) => items.map((i) => (i === 2 ? new ItemFailed(new Error('bad 2')) : i)));
    const settled = await Promise.allSettled([1, 2, 3].map((i) => batcher.add(i)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });

  it('collects calls that arrive during a flush into the next batch', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const batcher = new Batcher<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await gate;
        return items;
      },
      100,
      1,
    );
    const first = batcher.add(1);
    await new Promise((r) => setImmediate(r));
    const later = [batcher.add(2), batcher.add(3)];
    release();
    await Promise.all([first, ...later]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  const recording = (maxBatch: number, lingerMs: number) => {
    const batches: number[][] = [];
    const batcher = new Batcher<number, number>(
      async (items) => {
        batches.push(items);
        return items;
      },
      maxBatch,
      1,
      lingerMs,
    );
    return { batches, batcher };
  };

  it('with a linger, gathers a trickle of calls into one batch', async () => {
    const { batches, batcher } = recording(100, 200);
    const added: Promise<number>[] = [];
    for (let i = 1; i <= 4; i++) {
      added.push(batcher.add(i));
      await new Promise((r) => setTimeout(r, 2));
    }
    await Promise.all(added);
    expect(batches).toEqual([[1, 2, 3, 4]]);
  });

  it('with a linger, does not hold back a full batch', async () => {
    const { batches, batcher } = recording(2, 60_000);
    await Promise.all([batcher.add(1), batcher.add(2)]);
    expect(batches).toEqual([[1, 2]]);
  });
});
