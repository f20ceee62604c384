import { PROBE_IN_FLIGHT, ReceiverHealth, UNREACHABLE_AFTER } from './receiver-health';

describe('ReceiverHealth', () => {
  it('drops a webhook to a few probes after attempts in a row without an HTTP answer, and back on any answer', () => {
    const health = new ReceiverHealth();
    for (let i = 0; i < UNREACHABLE_AFTER - 1; i++) health.observe('hung', 'timeout');
    expect(health.cap('hung', 50)).toBe(50);
    health.observe('hung', 'connection_refused');
    expect(health.cap('hung', 50)).toBe(PROBE_IN_FLIGHT);
    expect(health.cap('other', 50)).toBe(50);
    health.observe('hung', 'http_status');
    expect(health.cap('hung', 50)).toBe(50);
  });

  it('never raises a cap smaller than the probe count', () => {
    const health = new ReceiverHealth();
    for (let i = 0; i < UNREACHABLE_AFTER; i++) health.observe('w', 'timeout');
    expect(health.cap('w', 1)).toBe(1);
  });
});
