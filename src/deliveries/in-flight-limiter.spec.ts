import { InFlightLimiter } from './in-flight-limiter';

describe('InFlightLimiter', () => {
  it('lets each key hold at most its share, independently of other keys', async () => {
    const limiter = new InFlightLimiter(2);
    expect(await limiter.acquire('hung', 0)).toBe(true);
    expect(await limiter.acquire('hung', 0)).toBe(true);
    expect(await limiter.acquire('hung', 0)).toBe(false);
    expect(await limiter.acquire('healthy', 0)).toBe(true);
    expect(limiter.inFlight('hung')).toBe(2);
  });

  it('hands a freed slot to a waiter, and refuses one whose wait runs out', async () => {
    const limiter = new InFlightLimiter(1);
    await limiter.acquire('w', 0);
    const waiting = limiter.acquire('w', 1000);
    limiter.release('w');
    expect(await waiting).toBe(true);
    expect(limiter.inFlight('w')).toBe(1);
    const started = Date.now();
    expect(await limiter.acquire('w', 30)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
    limiter.release('w');
    expect(limiter.inFlight('w')).toBe(0);
  });

  it('keeps a webhook whose cap dropped below its slots in flight from handing them to waiters', async () => {
    const limiter = new InFlightLimiter(3);
    for (let i = 0; i < 3; i++) await limiter.acquire('w', 0);
    const waiting = limiter.acquire('w', 1000, 1);
    let granted = false;
    void waiting.then((ok) => (granted = ok));
    limiter.release('w', 1);
    await Promise.resolve();
    expect(granted).toBe(false);
    expect(limiter.inFlight('w')).toBe(2);
    limiter.release('w', 1);
    limiter.release('w', 1);
    expect(await waiting).toBe(true);
    expect(limiter.inFlight('w')).toBe(1);
  });

  it('lets as many waiters in as a cap that rose has room for, on one release', async () => {
    const limiter = new InFlightLimiter(10);
    for (let i = 0; i < 2; i++) await limiter.acquire('w', 0, 2);
    const waiting = Array.from({ length: 5 }, () => limiter.acquire('w', 1000, 2));
    // The first answer raised the cap from 2 to 4: the freed slot and two more go to waiters.
    limiter.release('w', 4);
    const granted: boolean[] = [];
    waiting.forEach((w, i) => void w.then((ok) => (granted[i] = ok)));
    await new Promise((r) => setImmediate(r));
    expect(granted.filter(Boolean)).toHaveLength(3);
    expect(limiter.inFlight('w')).toBe(4);
    for (let i = 0; i < 6; i++) limiter.release('w', 4);
    expect(await Promise.all(waiting)).toEqual([true, true, true, true, true]);
  });

  it('expects a short wait from a key whose slots free quickly, none from one that stopped freeing', async () => {
    const limiter = new InFlightLimiter(2);
    await limiter.acquire('w', 0);
    await limiter.acquire('w', 0);
    expect(limiter.expectedWaitMs('w', 100)).toBeNull();
    for (let i = 0; i < 3; i++) {
      limiter.release('w');
      await limiter.acquire('w', 0);
    }
    expect(limiter.expectedWaitMs('w', 100)).toBeLessThan(20);
    await new Promise((r) => setTimeout(r, 120));
    expect(limiter.expectedWaitMs('w', 100)).toBe(Infinity);
  });
});
