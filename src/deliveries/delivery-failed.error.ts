import type { AttemptResult } from './http-sender';

/**
 * Thrown by the processor when an attempt fails, so BullMQ's attempts and backoff apply. It carries
 * the wait the processor already computed (and recorded as next_attempt_at), which the backoff
 * strategy returns, so the log and the queue agree.
 */
export class DeliveryFailedError extends Error {
  constructor(
    readonly result: AttemptResult,
    readonly retryDelayMs: number | null,
  ) {
    super(result.errorMessage ?? `${result.outcome}${result.statusCode ? ` ${result.statusCode}` : ''}`);
    this.name = 'DeliveryFailedError';
  }
}

/** BullMQ custom backoff: the wait comes from the failed attempt itself. */
export function deliveryBackoff(_attemptsMade: number, _type?: string, err?: Error): number {
  return err instanceof DeliveryFailedError && err.retryDelayMs !== null ? err.retryDelayMs : 1000;
}
