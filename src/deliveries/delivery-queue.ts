export enum QueueName {
  Deliveries = 'deliveries',
}

export enum JobName {
  Deliver = 'deliver',
}

/** Everything an attempt needs, so the hot path reads nothing from PostgreSQL. */
export interface DeliverJobData {
  deliveryId: string;
  eventId: string;
  webhookId: string;
  eventType: string;
  /** The exact JSON text stored with the event (Landis: the Data, wrapped in the envelope per attempt). */
  body: string;
  /** Scheduled attempts made before this job existed (a job recreated by the reconciler). */
  attemptOffset: number;
  /** Set when the event was emitted, for emit-to-receiver latency figures. */
  emittedAt: number;
  /** A scenario's own retry waits; when absent, the webhook's or the configured schedule applies. */
  retryScheduleMs?: number[];
  /**
   * A manual attempt, one only, logged as `manual`: a resend of an existing delivery (whose status
   * a failure leaves as it was) or the test send (a delivery of its own, discarded on failure).
   * Sent even while the webhook is inactive.
   */
  manual?: 'resend' | 'test';
  /** Landis: the lowest send number this attempt may carry (a resend: the attempts logged so far + 1). */
  attemptFloor?: number;
}
