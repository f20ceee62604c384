/**
 * How ASP.NET Boilerplate delivers a webhook, as pure functions the delivery worker can apply.
 * Defaults are ABP's (WebhooksConfiguration, BackgroundJobInfo); docs/landis.md cites the source.
 *
 * - One attempt: POST with a 60 s time-out; any 2xx is success (HttpResponseMessage.IsSuccessStatusCode).
 * - A failed attempt makes the WebhookSenderJob throw, and the background job manager tries the
 *   job again after 60 s, then 120 s, 240 s, ... (DefaultFirstWaitDuration * DefaultWaitFactor^(tries-1)),
 *   abandoning it once the next try would fall more than 2 days after the job was created.
 * - The job sends only while the event's earlier send attempts to this subscription number no
 *   more than MaxSendAttemptCount (5): the check is `count > MaxSendAttemptCount`, so a receiver
 *   that always fails sees 6 attempts in all. Resends (TryOnce) skip that check and are never retried.
 * - Optionally (off by default) a failure deactivates the subscription when none of its last
 *   MaxConsecutiveFailCountBeforeDeactivateSubscription (5 * 3) attempts got 200 OK; the failed
 *   job is then not retried.
 */

export interface LandisDeliveryPolicy {
  /** WebhooksConfiguration.TimeoutDuration. */
  readonly requestTimeoutMs: number;
  /** WebhooksConfiguration.MaxSendAttemptCount. */
  readonly maxSendAttemptCount: number;
  /** BackgroundJobInfo.DefaultFirstWaitDuration. */
  readonly firstWaitMs: number;
  /** BackgroundJobInfo.DefaultWaitFactor. */
  readonly waitFactor: number;
  /** BackgroundJobInfo.DefaultTimeout: how long after its creation a failing job is given up. */
  readonly jobTimeoutMs: number;
  /** WebhooksConfiguration.IsAutomaticSubscriptionDeactivationEnabled. */
  readonly deactivateSubscriptionOnFailures: boolean;
  /** WebhooksConfiguration.MaxConsecutiveFailCountBeforeDeactivateSubscription. */
  readonly maxConsecutiveFailCount: number;
}

export const LANDIS_DELIVERY_POLICY: LandisDeliveryPolicy = Object.freeze({
  requestTimeoutMs: 60_000,
  maxSendAttemptCount: 5,
  firstWaitMs: 60_000,
  waitFactor: 2,
  jobTimeoutMs: 172_800_000,
  deactivateSubscriptionOnFailures: false,
  maxConsecutiveFailCount: 15,
});

/** A time-out shorter than this would fail healthy receivers on a loaded machine, whatever the scale. */
export const MIN_SCALED_REQUEST_TIMEOUT_MS = 1_000;

function checkTimeScale(timeScale: number): void {
  if (!(timeScale > 0) || !Number.isFinite(timeScale)) throw new RangeError(`timeScale must be a positive number, got ${timeScale}`);
}

/** Any 2xx, as .NET's IsSuccessStatusCode; null (no response) is a failure. */
export function isLandisSuccess(status: number | null): boolean {
  return status !== null && status >= 200 && status <= 299;
}

/** The attempt's time-out, divided by the time scale but never below MIN_SCALED_REQUEST_TIMEOUT_MS. */
export function landisRequestTimeoutMs(policy: LandisDeliveryPolicy, timeScale: number): number {
  checkTimeScale(timeScale);
  return Math.max(MIN_SCALED_REQUEST_TIMEOUT_MS, Math.round(policy.requestTimeoutMs / timeScale));
}

/** How many attempts a receiver that always fails sees: MaxSendAttemptCount + 1 (ABP checks `>`). */
export function landisAttemptsInAll(policy: LandisDeliveryPolicy): number {
  return policy.maxSendAttemptCount + 1;
}

/** The background job's wait after its `jobTryCount`-th try failed (1 after the first), unscaled. */
export function landisJobWaitMs(policy: LandisDeliveryPolicy, jobTryCount: number): number {
  if (!Number.isSafeInteger(jobTryCount) || jobTryCount < 1) throw new RangeError(`jobTryCount must be a whole number from 1, got ${jobTryCount}`);
  return policy.firstWaitMs * policy.waitFactor ** (jobTryCount - 1);
}

/** The waits between the attempts of a delivery whose receiver always fails, scaled. */
export function landisRetryScheduleMs(policy: LandisDeliveryPolicy, timeScale: number): number[] {
  checkTimeScale(timeScale);
  const waits: number[] = [];
  let elapsed = 0;
  for (let tries = 1; tries < landisAttemptsInAll(policy); tries++) {
    const wait = landisJobWaitMs(policy, tries);
    elapsed += wait;
    if (elapsed > policy.jobTimeoutMs) break;
    waits.push(Math.round(wait / timeScale));
  }
  return waits;
}

export interface LandisFailedAttempt {
  /** How many times the automatic job has run for this delivery, this run included. */
  jobTryCount: number;
  /** This event's send attempts to this subscription so far, this one and any resends included. */
  sendAttemptCount: number;
  /** Unscaled virtual time since the delivery's job was created, up to this failure. */
  jobAgeMs: number;
  /** A one-shot send (resend, test): never retried. */
  tryOnce: boolean;
  /** From landisShouldDeactivate: the subscription was just switched off by this failure. */
  subscriptionDeactivated: boolean;
}

export type LandisNextStep =
  { action: 'retry'; delayMs: number } | { action: 'stop'; reason: 'try-once' | 'deactivated' | 'attempts-exhausted' | 'job-abandoned' };

/** What happens after a failed attempt; delays divided by the time scale. */
export function landisAfterFailure(policy: LandisDeliveryPolicy, failure: LandisFailedAttempt, timeScale: number): LandisNextStep {
  checkTimeScale(timeScale);
  if (failure.tryOnce) return { action: 'stop', reason: 'try-once' };
  if (failure.subscriptionDeactivated) return { action: 'stop', reason: 'deactivated' };
  // ABP would run the job once more and return without sending; the delivery is over now.
  if (failure.sendAttemptCount > policy.maxSendAttemptCount) return { action: 'stop', reason: 'attempts-exhausted' };
  const wait = landisJobWaitMs(policy, failure.jobTryCount);
  if (failure.jobAgeMs + wait > policy.jobTimeoutMs) return { action: 'stop', reason: 'job-abandoned' };
  return { action: 'retry', delayMs: Math.round(wait / timeScale) };
}

/**
 * Whether a failure switches the subscription off: only when enabled, when the subscription has
 * at least maxConsecutiveFailCount attempts, and none of its latest that many got exactly 200
 * (ABP's store compares with HttpStatusCode.OK, so a 204 counts as a failure here although the
 * attempt itself succeeded). `latestStatuses` are the subscription's attempts, newest first,
 * null for no response.
 */
export function landisShouldDeactivate(policy: LandisDeliveryPolicy, latestStatuses: readonly (number | null)[]): boolean {
  if (!policy.deactivateSubscriptionOnFailures) return false;
  if (latestStatuses.length < policy.maxConsecutiveFailCount) return false;
  return !latestStatuses.slice(0, policy.maxConsecutiveFailCount).some((status) => status === 200);
}
