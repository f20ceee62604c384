import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WebhookEntity } from './webhook.entity';

@Entity('subscriptions')
@Index('subscriptions_webhook_idx', ['webhookId'])
export class SubscriptionEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ name: 'webhook_id', type: 'uuid' })
  webhookId!: string;

  @ManyToOne(() => WebhookEntity, (w) => w.subscriptions, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'webhook_id', foreignKeyConstraintName: 'FK_subscriptions_webhook' })
  webhook?: WebhookEntity;

  /** Always a catalog name; an alias given by the user is resolved before storing. */
  @Column({ name: 'event_type', type: 'text' })
  eventType!: string;

  /** The name as the user wrote it, when it was an alias. */
  @Column({ name: 'requested_event_type', type: 'text', nullable: true })
  requestedEventType!: string | null;

  @Column({ name: 'entity_id', type: 'uuid', nullable: true })
  entityId!: string | null;

  @Column({ name: 'all_entities', type: 'boolean', default: false })
  allEntities!: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
