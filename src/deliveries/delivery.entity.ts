import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export const DELIVERY_STATUSES = ['pending', 'retrying', 'delivered', 'discarded'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One (event, webhook) pair. The row exists before its job, so the reconciler can recreate lost jobs. */
@Entity('deliveries')
@Index('deliveries_webhook_created_idx', ['webhookId', 'createdAt', 'id'])
@Index('deliveries_event_idx', ['eventId'])
@Index('deliveries_created_idx', ['createdAt', 'id'])
@Index('deliveries_discarded_idx', ['createdAt', 'id'], { where: `"status" = 'discarded'` })
@Index('deliveries_webhook_failed_idx', ['webhookId', 'updatedAt'], { where: `"last_outcome" IS NOT NULL AND "last_outcome" <> 'delivered'` })
@Index('deliveries_scenario_idx', ['scenarioId'])
// The reconciler scans only unfinished deliveries.
@Index('deliveries_unfinished_idx', ['createdAt'], { where: `"status" IN ('pending', 'retrying')` })
export class DeliveryEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'webhook_id', type: 'uuid' })
  webhookId!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ type: 'text', default: 'pending' })
  status!: DeliveryStatus;

  @Column({ type: 'int', default: 0 })
  attempts!: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt!: Date | null;

  @Column({ name: 'last_outcome', type: 'text', nullable: true })
  lastOutcome!: string | null;

  @Column({ name: 'last_status_code', type: 'int', nullable: true })
  lastStatusCode!: number | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;

  @Column({ name: 'scenario_id', type: 'uuid', nullable: true })
  scenarioId!: string | null;

  /** Its own retry waits (a scenario's); null means the webhook's or the configured schedule. */
  @Column({ name: 'retry_schedule_ms', type: 'int', array: true, nullable: true })
  retryScheduleMs!: number[] | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
