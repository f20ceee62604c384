import type { AttemptOutcome } from './delivery-attempt.entity';

/** Consecutive attempts without any HTTP answer after which a webhook is probed instead of flooded. */
export const UNREACHABLE_AFTER = 5;
/** Attempts in flight for a webhook whose receiver is unreachable, until one gets an HTTP answer. */
export const PROBE_IN_FLIGHT = 2;

const UNREACHABLE: ReadonlySet<AttemptOutcome> = new Set<AttemptOutcome>(['timeout', 'connection_refused', 'connection_reset', 'dns', 'tls']);

/**
 * Tracks, per webhook, attempts in a row that got no HTTP answer (time-out, refused or reset
 * connection, DNS, TLS). From UNREACHABLE_AFTER of them the webhook's cap drops to PROBE_IN_FLIGHT,
 * so a hung receiver holds two sockets for DELIVERY_TIMEOUT_MS, not fifty; any HTTP answer (even a
 * 500) gives it its full cap back. Per worker process, like the cap.
 */
export class ReceiverHealth {
  private readonly failures = new Map<string, number>();

  /** The webhook's cap now: `full`, or PROBE_IN_FLIGHT while its receiver is unreachable. */
  cap(webhookId: string, full: number): number {
    return (this.failures.get(webhookId) ?? 0) >= UNREACHABLE_AFTER ? Math.min(full, PROBE_IN_FLIGHT) : full;
  }

  /** Notes an attempt's outcome. */
  observe(webhookId: string, outcome: AttemptOutcome): void {
    if (UNREACHABLE.has(outcome)) this.failures.set(webhookId, (this.failures.get(webhookId) ?? 0) + 1);
    else this.failures.delete(webhookId);
  }
}
