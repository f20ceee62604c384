import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One emitted event. `body` is the exact JSON text sent to receivers: a `json` column keeps the
 * bytes and key order (jsonb would reorder keys), and the filterable fields have their own columns.
 */
@Entity('events')
@Index('events_created_idx', ['createdAt', 'occurredAt', 'id'])
@Index('events_type_created_idx', ['eventType', 'createdAt', 'occurredAt', 'id'])
@Index('events_entity_idx', ['entityId'])
@Index('events_call_idx', ['callId'])
@Index('events_scenario_idx', ['scenarioId'])
export class EventEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  @Column({ name: 'entity_type', type: 'text' })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'uuid', nullable: true })
  entityId!: string | null;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @Column({ name: 'call_id', type: 'uuid', nullable: true })
  callId!: string | null;

  /** The payload's own Timestamp (virtual time for simulated events). */
  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ type: 'text' })
  source!: string;

  @Column({ type: 'json' })
  body!: unknown;

  /** The scenario run that emitted it (a replayed Id belongs to the latest run). */
  @Column({ name: 'scenario_id', type: 'uuid', nullable: true })
  scenarioId!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
