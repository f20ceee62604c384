import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { ServiceQueueEntity } from '../organization/organization.entities';
import type { RoutingOutcome } from './routing-instructions';

export type SmartRoutingAuth = 'apiKey' | 'basic' | 'none';

/** A queue's SmartRouting endpoint. Credentials are stored but never returned or logged. */
@Entity('smart_routing_configs')
export class SmartRoutingConfigEntity {
  @PrimaryColumn({ name: 'queue_id', type: 'uuid' }) queueId!: string;
  /** Never loaded; declares the key that deletes the configuration with its queue (migration 1764000000023). */
  @ManyToOne(() => ServiceQueueEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'queue_id', foreignKeyConstraintName: 'FK_smart_routing_configs_queue' })
  queue?: ServiceQueueEntity;
  @Column('text') endpoint!: string;
  @Column({ name: 'insecure_ssl', type: 'boolean', default: false }) insecureSsl!: boolean;
  @Column({ name: 'auth_type', type: 'text', default: 'none' }) authType!: SmartRoutingAuth;
  @Column({ name: 'api_key', type: 'text', nullable: true }) apiKey!: string | null;
  @Column({ type: 'text', nullable: true }) username!: string | null;
  @Column({ type: 'text', nullable: true }) password!: string | null;
  @Column({ name: 'timeout_ms', type: 'int', default: 5000 }) timeoutMs!: number;
  @Column({ name: 'target_id', type: 'text', nullable: true }) targetId!: string | null;
  @Column({ name: 'send_extra_data', type: 'boolean', default: false }) sendExtraData!: boolean;
  @Column({ name: 'dynamic_values', type: 'jsonb', default: {} }) dynamicValues!: Record<string, string>;
  @Column({ name: 'is_active', type: 'boolean', default: true }) isActive!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** The decision log: one row per SmartRouting request. */
@Entity('smart_routing_requests')
@Index('smart_routing_requests_queue_idx', ['queueId', 'requestedAt'])
@Index('smart_routing_requests_call_idx', ['callId'])
export class SmartRoutingRequestEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'queue_id', type: 'uuid' }) queueId!: string;
  @Column({ name: 'call_id', type: 'uuid' }) callId!: string;
  @Column({ name: 'requested_at', type: 'timestamptz' }) requestedAt!: Date;
  /** URL, headers with credentials masked, body. */
  @Column({ type: 'jsonb' }) request!: Record<string, unknown>;
  @Column({ name: 'response_status', type: 'int', nullable: true }) responseStatus!: number | null;
  @Column({ name: 'response_body_excerpt', type: 'text', nullable: true }) responseBodyExcerpt!: string | null;
  @Column({ name: 'latency_ms', type: 'real' }) latencyMs!: number;
  /** default-unapplied: a 200 whose instructions could not be applied (empty, or targets matching nothing). */
  @Column('text') outcome!: RoutingOutcome;
  @Column({ type: 'text', nullable: true }) reason!: string | null;
  @Column({ type: 'jsonb', nullable: true }) applied!: Record<string, unknown> | null;
  @Column({ type: 'jsonb', default: [] }) ignored!: string[];
}
