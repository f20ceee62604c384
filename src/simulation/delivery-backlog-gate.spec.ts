import { DeliveryBacklogGate } from './delivery-backlog-gate';

const settle = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('DeliveryBacklogGate', () => {
  it('lets the engine go while the queue is short, holds it over the limit until half of it is drained', async () => {
    let waiting = 100;
    const gate = new DeliveryBacklogGate(async () => waiting, 1000, { refreshMs: 0, pollMs: 2 });
    expect(gate.check()).toBeNull();
    await settle();
    waiting = 1500;
    gate.check(); // reads 1500 in the background
    await settle();
    const held = gate.check();
    expect(held).not.toBeNull();
    let released = false;
    void held!.then(() => (released = true));
    waiting = 800; // still above half the limit
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(released).toBe(false);
    waiting = 400;
    await held;
    expect(released).toBe(true);
  });

  it('does not hold the engine for a queue nobody consumes', async () => {
    const waiting = 5000;
    const gate = new DeliveryBacklogGate(async () => waiting, 1000, { refreshMs: 0, pollMs: 2, stallMs: 20 });
    gate.check();
    await settle();
    const t0 = performance.now();
    await gate.check();
    expect(performance.now() - t0).toBeLessThan(1000);
    await settle();
    expect(gate.check()).toBeNull(); // stalled: no new wait while the count does not fall
  });

  it('goes on when the queue cannot be read', async () => {
    const gate = new DeliveryBacklogGate(() => Promise.reject(new Error('redis down')), 1000, { refreshMs: 0 });
    expect(gate.check()).toBeNull();
    await settle();
    expect(gate.check()).toBeNull();
  });
});
