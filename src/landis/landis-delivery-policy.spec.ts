import {
  isLandisSuccess,
  LANDIS_DELIVERY_POLICY,
  landisAfterFailure,
  landisAttemptsInAll,
  landisJobWaitMs,
  landisRequestTimeoutMs,
  landisRetryScheduleMs,
  landisShouldDeactivate,
  type LandisDeliveryPolicy,
  type LandisNextStep,
} from './landis-delivery-policy';

const POLICY = LANDIS_DELIVERY_POLICY;

/** Plays a receiver that always fails through the policy: the waits, then why it stopped. */
function failForever(policy: LandisDeliveryPolicy, timeScale: number): { waits: number[]; stop: LandisNextStep } {
  const waits: number[] = [];
  let age = 0;
  for (let attempt = 1; attempt < 1000; attempt++) {
    const step = landisAfterFailure(
      policy,
      { jobTryCount: attempt, sendAttemptCount: attempt, jobAgeMs: age, tryOnce: false, subscriptionDeactivated: false },
      timeScale,
    );
    if (step.action === 'stop') return { waits, stop: step };
    waits.push(step.delayMs);
    age += landisJobWaitMs(policy, attempt);
  }
  throw new Error('never stopped');
}

describe('Landis delivery policy (ABP defaults)', () => {
  it("has ABP's defaults", () => {
    expect(POLICY).toEqual({
      requestTimeoutMs: 60_000,
      maxSendAttemptCount: 5,
      firstWaitMs: 60_000,
      waitFactor: 2,
      jobTimeoutMs: 2 * 24 * 3_600_000,
      deactivateSubscriptionOnFailures: false,
      maxConsecutiveFailCount: 15,
    });
    expect(Object.isFrozen(POLICY)).toBe(true);
  });

  it('counts any 2xx as success and everything else, or no response, as failure', () => {
    expect([200, 201, 202, 204, 299].map(isLandisSuccess)).toEqual([true, true, true, true, true]);
    expect([100, 199, 300, 301, 400, 408, 500, null].map(isLandisSuccess)).toEqual(Array(8).fill(false));
  });

  it('waits 60 s, then doubles: 6 attempts in all for a receiver that always fails (ABP checks count > 5)', () => {
    expect(landisAttemptsInAll(POLICY)).toBe(6);
    expect(landisRetryScheduleMs(POLICY, 1)).toEqual([60_000, 120_000, 240_000, 480_000, 960_000]);
    expect(failForever(POLICY, 1)).toEqual({ waits: [60_000, 120_000, 240_000, 480_000, 960_000], stop: { action: 'stop', reason: 'attempts-exhausted' } });
  });

  it('divides the waits and the time-out by the time scale, the time-out no lower than 1 s', () => {
    expect(landisRetryScheduleMs(POLICY, 60)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000]);
    expect(failForever(POLICY, 600).waits).toEqual([100, 200, 400, 800, 1_600]);
    expect(landisRequestTimeoutMs(POLICY, 1)).toBe(60_000);
    expect(landisRequestTimeoutMs(POLICY, 6)).toBe(10_000);
    expect(landisRequestTimeoutMs(POLICY, 600)).toBe(1_000);
    expect(() => landisRetryScheduleMs(POLICY, 0)).toThrow('timeScale');
    expect(() => landisRequestTimeoutMs(POLICY, Number.POSITIVE_INFINITY)).toThrow('timeScale');
  });

  it('stops a longer series when the background job times out after 2 days', () => {
    const patient = { ...POLICY, maxSendAttemptCount: 20 };
    const { waits, stop } = failForever(patient, 1);
    // 60 s * (2^11 - 1) = 122,820 s fits in 172,800 s; one more doubling does not.
    expect(waits).toHaveLength(11);
    expect(stop).toEqual({ action: 'stop', reason: 'job-abandoned' });
    expect(landisRetryScheduleMs(patient, 1)).toEqual(waits);
  });

  it("counts resends toward the cap but not toward the job's waits", () => {
    // The job's 2nd try failed, but two resends came in between: 4 sends in all so far.
    expect(landisAfterFailure(POLICY, { jobTryCount: 2, sendAttemptCount: 4, jobAgeMs: 60_000, tryOnce: false, subscriptionDeactivated: false }, 1)).toEqual({
      action: 'retry',
      delayMs: 120_000,
    });
    expect(landisAfterFailure(POLICY, { jobTryCount: 2, sendAttemptCount: 6, jobAgeMs: 60_000, tryOnce: false, subscriptionDeactivated: false }, 1)).toEqual({
      action: 'stop',
      reason: 'attempts-exhausted',
    });
  });

  it('never retries a one-shot send or a send whose failure deactivated the subscription', () => {
    const failure = { jobTryCount: 1, sendAttemptCount: 1, jobAgeMs: 0, tryOnce: true, subscriptionDeactivated: false };
    expect(landisAfterFailure(POLICY, failure, 1)).toEqual({ action: 'stop', reason: 'try-once' });
    expect(landisAfterFailure(POLICY, { ...failure, tryOnce: false, subscriptionDeactivated: true }, 1)).toEqual({ action: 'stop', reason: 'deactivated' });
  });

  it('refuses a job try count below 1', () => {
    expect(() => landisJobWaitMs(POLICY, 0)).toThrow('jobTryCount');
  });
});

describe('landisShouldDeactivate', () => {
  const enabled = { ...POLICY, deactivateSubscriptionOnFailures: true, maxConsecutiveFailCount: 3 };

  it('is off by default whatever the history', () => {
    expect(landisShouldDeactivate(POLICY, Array(50).fill(500))).toBe(false);
  });

  it('needs that many attempts, none of the latest that many with 200', () => {
    expect(landisShouldDeactivate(enabled, [500, null])).toBe(false);
    expect(landisShouldDeactivate(enabled, [500, null, 404])).toBe(true);
    expect(landisShouldDeactivate(enabled, [500, 200, 404, 500])).toBe(false);
    expect(landisShouldDeactivate(enabled, [500, 503, 404, 200])).toBe(true);
  });

  it("counts a 204 as a failure here, as ABP's store compares with 200 OK", () => {
    expect(landisShouldDeactivate(enabled, [204, 204, 204])).toBe(true);
  });
});
