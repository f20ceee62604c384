import { VirtualClock } from './virtual-clock';

describe('VirtualClock', () => {
  it('starts at the given time and only moves forward', () => {
    const clock = new VirtualClock('2024-03-01T09:00:00Z');
    expect(clock.now().toISOString()).toBe('2024-03-01T09:00:00.000Z');
    clock.advanceTo(clock.nowMs + 1500);
    expect(clock.elapsedMs).toBe(1500);
    expect(() => clock.advanceTo(clock.nowMs - 1)).toThrow(/back/);
  });

  it('accepts the .NET form and epoch milliseconds', () => {
    expect(new VirtualClock('2018-01-01T08:01:23.45').now().toISOString()).toBe('2018-01-01T08:01:23.450Z');
    expect(new VirtualClock(0).nowMs).toBe(0);
    expect(() => new VirtualClock('yesterday')).toThrow();
  });
});
