import { Check, Column, CreateDateColumn, Entity, OneToMany, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { SubscriptionEntity } from './subscription.entity';
import type { WebhookPlatform } from '../common/webhook-platform';

@Entity('webhooks')
@Check('CHK_webhooks_platform', `"platform" IN ('enreach', 'landis')`)
export class WebhookEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'text', default: 'enreach' })
  platform!: WebhookPlatform;

  @Column({ type: 'text' })
  endpoint!: string;

  @Column({ name: 'insecure_ssl', type: 'boolean', default: false })
  insecureSsl!: boolean;

  /** Enreach: sent as X-Benemen-Token. Landis: the HMAC key of abp-webhook-signature. Never returned (but once, generated) nor logged. */
  @Column({ type: 'text', nullable: true })
  secret!: string | null;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive!: boolean;

  @Column({ type: 'jsonb', default: {} })
  headers!: Record<string, string>;

  /** Per-webhook waits between attempts; null means the global schedule. */
  @Column({ name: 'retry_schedule_ms', type: 'int', array: true, nullable: true })
  retryScheduleMs!: number[] | null;

  /** Landis: switch the webhook off after this many failed attempts in a row; null = never (ABP's default). */
  @Column({ name: 'deactivate_after_failures', type: 'int', nullable: true })
  deactivateAfterFailures!: number | null;

  @OneToMany(() => SubscriptionEntity, (s) => s.webhook)
  subscriptions?: SubscriptionEntity[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
