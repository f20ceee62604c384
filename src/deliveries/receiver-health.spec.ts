import { FIRST_ANSWER_IN_FLIGHT, PROBE_IN_FLIGHT, ReceiverHealth, UNREACHABLE_AFTER } from './receiver-health';

describe('ReceiverHealth', () => {
  it('gives a webhook a few slots until its receiver first answers, then its full cap', () => {
    const health = new ReceiverHealth();
    expect(health.cap('new', 50)).toBe(FIRST_ANSWER_IN_FLIGHT);
    expect(health.cap('new', 3)).toBe(3);
    health.observe('new', 'timeout');
    expect(health.cap('new', 50)).toBe(FIRST_ANSWER_IN_FLIGHT);
    health.observe('new', 'http_status');
    expect(health.cap('new', 50)).toBe(50);
    expect(health.unreachable('new')).toBe(false);
  });

  it('drops a webhook to a few probes after attempts in a row without an HTTP answer, and back on any answer', () => {
    const health = new ReceiverHealth();
    health.observe('hung', 'delivered');
    for (let i = 0; i < UNREACHABLE_AFTER - 1; i++) health.observe('hung', 'timeout');
    expect(health.cap('hung', 50)).toBe(50);
    health.observe('hung', 'connection_refused');
    expect(health.cap('hung', 50)).toBe(PROBE_IN_FLIGHT);
    expect(health.unreachable('hung')).toBe(true);
    health.observe('other', 'delivered');
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
