import { Column, CreateDateColumn, Entity, OneToMany, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { SubscriptionEntity } from './subscription.entity';

@Entity('webhooks')
export class WebhookEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  endpoint!: string;

  @Column({ name: 'insecure_ssl', type: 'boolean', default: false })
  insecureSsl!: boolean;

  /** Sent as X-Benemen-Token; never returned by the API nor logged. */
  @Column({ type: 'text', nullable: true })
  secret!: string | null;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive!: boolean;

  @Column({ type: 'jsonb', default: {} })
  headers!: Record<string, string>;

  /** Per-webhook waits between attempts; null means the global schedule. */
  @Column({ name: 'retry_schedule_ms', type: 'int', array: true, nullable: true })
  retryScheduleMs!: number[] | null;

  @OneToMany(() => SubscriptionEntity, (s) => s.webhook)
  subscriptions?: SubscriptionEntity[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
