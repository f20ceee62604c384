import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const ATTEMPT_OUTCOMES = ['delivered', 'http_status', 'timeout', 'connection_refused', 'connection_reset', 'dns', 'tls'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** The delivery log: one row per HTTP attempt. */
@Entity('delivery_attempts')
@Index('delivery_attempts_delivery_idx', ['deliveryId', 'attemptNumber'])
@Index('delivery_attempts_started_idx', ['startedAt'])
export class DeliveryAttemptEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column({ name: 'delivery_id', type: 'uuid' })
  deliveryId!: string;

  @Column({ name: 'attempt_number', type: 'int' })
  attemptNumber!: number;

  @Column({ type: 'text' })
  trigger!: 'scheduled' | 'manual';

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  @Column({ name: 'ended_at', type: 'timestamptz' })
  endedAt!: Date;

  @Column({ name: 'duration_ms', type: 'real' })
  durationMs!: number;

  @Column({ type: 'text' })
  outcome!: AttemptOutcome;

  @Column({ name: 'status_code', type: 'int', nullable: true })
  statusCode!: number | null;

  @Column({ name: 'error_message', type: 'text', nullable: true })
  errorMessage!: string | null;

  /** Token masked before it is stored. */
  @Column({ name: 'request_headers', type: 'jsonb' })
  requestHeaders!: Record<string, string>;

  @Column({ name: 'response_headers', type: 'jsonb', nullable: true })
  responseHeaders!: Record<string, string> | null;

  @Column({ name: 'response_body_excerpt', type: 'text', nullable: true })
  responseBodyExcerpt!: string | null;

  @Column({ name: 'response_body_bytes', type: 'int', default: 0 })
  responseBodyBytes!: number;
}
