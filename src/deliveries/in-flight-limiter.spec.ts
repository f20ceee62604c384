import { InFlightLimiter } from './in-flight-limiter';

describe('InFlightLimiter', () => {
  it('lets each key hold at most its share, independently of other keys', () => {
    const limiter = new InFlightLimiter(2);
    expect(limiter.tryAcquire('hung')).toBe(true);
    expect(limiter.tryAcquire('hung')).toBe(true);
    expect(limiter.tryAcquire('hung')).toBe(false);
    expect(limiter.tryAcquire('healthy')).toBe(true);
    limiter.release('hung');
    expect(limiter.inFlight('hung')).toBe(1);
    expect(limiter.tryAcquire('hung')).toBe(true);
  });
});
