import type { AttemptOutcome } from './delivery-attempt.entity';
import type { WebhookSnapshot } from '../webhooks/webhook-snapshot';

/** A webhook's receiver: its id and the endpoint it has now (a new endpoint is a new receiver). */
export type Receiver = Pick<WebhookSnapshot, 'id' | 'endpoint'>;

/** Consecutive attempts without any HTTP answer after which a webhook is probed instead of flooded. */
export const UNREACHABLE_AFTER = 5;
/** Attempts in flight for a webhook whose receiver is unreachable, until one gets an HTTP answer. */
export const PROBE_IN_FLIGHT = 2;
/** Attempts in flight for a webhook whose receiver has not answered yet (in this process, at its current endpoint). */
export const FIRST_ANSWER_IN_FLIGHT = 8;

const UNREACHABLE: ReadonlySet<AttemptOutcome> = new Set<AttemptOutcome>(['timeout', 'connection_refused', 'connection_reset', 'dns', 'tls']);

/**
 * Tracks, per webhook, whether its receiver (at its current endpoint) has given any HTTP answer (even a 500) and the attempts
 * in a row that got none (time-out, refused or reset connection, DNS, TLS).
 * - Until its first answer a webhook gets FIRST_ANSWER_IN_FLIGHT: a receiver that hangs from the
 *   start holds eight sockets, not fifty, and their time-outs come as a burst of eight beside the
 *   healthy webhooks' attempts (npm run bench, isolation). A healthy receiver answers within
 *   milliseconds and gets its full cap then.
 * - From UNREACHABLE_AFTER failures in a row the cap drops to PROBE_IN_FLIGHT, so a receiver that
 *   stopped answering holds two sockets for DELIVERY_TIMEOUT_MS; any HTTP answer gives the full cap back.
 * Per worker process, like the cap.
 */
export class ReceiverHealth {
  private readonly failures = new Map<string, number>();
  /** The endpoint each webhook's receiver last gave an HTTP answer at. */
  private readonly answeredAt = new Map<string, string>();

  /** The webhook's cap now: `full`, or fewer while its receiver has not answered yet or is unreachable. */
  cap(receiver: Receiver, full: number): number {
    if (this.unreachable(receiver)) return Math.min(full, PROBE_IN_FLIGHT);
    return this.answeredAt.get(receiver.id) === receiver.endpoint ? full : Math.min(full, FIRST_ANSWER_IN_FLIGHT);
  }

  /** True from UNREACHABLE_AFTER attempts in a row without an HTTP answer, until the next answer. */
  unreachable(receiver: Receiver): boolean {
    return (this.failures.get(receiver.id) ?? 0) >= UNREACHABLE_AFTER;
  }

  /** Notes an attempt's outcome. */
  observe(receiver: Receiver, outcome: AttemptOutcome): void {
    if (UNREACHABLE.has(outcome)) this.failures.set(receiver.id, (this.failures.get(receiver.id) ?? 0) + 1);
    else {
      this.failures.delete(receiver.id);
      this.answeredAt.set(receiver.id, receiver.endpoint);
    }
  }
}
