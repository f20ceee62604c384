import { promotionsAfterAttempt } from './parked-jobs';

describe('promotionsAfterAttempt', () => {
  it('promotes one parked job for the slot an attempt freed, whatever is in flight', () => {
    expect(promotionsAfterAttempt(50, 50, 49)).toBe(1);
    expect(promotionsAfterAttempt(2, 2, 0)).toBe(1);
  });

  it('promotes the slots a recovered receiver got back', () => {
    expect(promotionsAfterAttempt(2, 50, 1)).toBe(48);
  });

  it('promotes nothing while a receiver that stopped answering still has more in flight than its new cap', () => {
    // A whole cap of 50 timing out together: the cap is 2 probes from the fifth time-out on.
    expect(promotionsAfterAttempt(50, 2, 45)).toBe(0);
    expect(promotionsAfterAttempt(50, 2, 2)).toBe(0);
  });

  it('promotes the probes once fewer than the new cap are in flight', () => {
    expect(promotionsAfterAttempt(50, 2, 1)).toBe(1);
    expect(promotionsAfterAttempt(50, 2, 0)).toBe(2);
  });
});
