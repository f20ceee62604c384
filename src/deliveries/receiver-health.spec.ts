import { FIRST_ANSWER_IN_FLIGHT, PROBE_IN_FLIGHT, ReceiverHealth, UNREACHABLE_AFTER } from './receiver-health';

const at = (id: string, endpoint = `https://${id}.example/hook`) => ({ id, endpoint });

describe('ReceiverHealth', () => {
  it('gives a webhook a few slots until its receiver first answers, then its full cap', () => {
    const health = new ReceiverHealth();
    expect(health.cap(at('new'), 50)).toBe(FIRST_ANSWER_IN_FLIGHT);
    expect(health.cap(at('new'), 3)).toBe(3);
    health.observe(at('new'), 'timeout');
    expect(health.cap(at('new'), 50)).toBe(FIRST_ANSWER_IN_FLIGHT);
    health.observe(at('new'), 'http_status');
    expect(health.cap(at('new'), 50)).toBe(50);
    expect(health.unreachable(at('new'))).toBe(false);
  });

  it('starts over with a few slots when the webhook moves to another endpoint', () => {
    const health = new ReceiverHealth();
    health.observe(at('w', 'https://a.example/hook'), 'delivered');
    expect(health.cap(at('w', 'https://a.example/hook'), 50)).toBe(50);
    expect(health.cap(at('w', 'https://b.example/hook'), 50)).toBe(FIRST_ANSWER_IN_FLIGHT);
    health.observe(at('w', 'https://b.example/hook'), 'delivered');
    expect(health.cap(at('w', 'https://b.example/hook'), 50)).toBe(50);
  });

  it('drops a webhook to a few probes after attempts in a row without an HTTP answer, and back on any answer', () => {
    const health = new ReceiverHealth();
    health.observe(at('hung'), 'delivered');
    for (let i = 0; i < UNREACHABLE_AFTER - 1; i++) health.observe(at('hung'), 'timeout');
    expect(health.cap(at('hung'), 50)).toBe(50);
    health.observe(at('hung'), 'connection_refused');
    expect(health.cap(at('hung'), 50)).toBe(PROBE_IN_FLIGHT);
    expect(health.unreachable(at('hung'))).toBe(true);
    health.observe(at('other'), 'delivered');
    expect(health.cap(at('other'), 50)).toBe(50);
    health.observe(at('hung'), 'http_status');
    expect(health.cap(at('hung'), 50)).toBe(50);
  });

  it('never raises a cap smaller than the probe count', () => {
    const health = new ReceiverHealth();
    for (let i = 0; i < UNREACHABLE_AFTER; i++) health.observe(at('w'), 'timeout');
    expect(health.cap(at('w'), 1)).toBe(1);
  });
});
