import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import type { IvrBlock } from '../common/ivr-rules';

export const AVAILABILITIES = ['Available', 'Busy', 'DoNotDisturb', 'OffWork'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

export interface AttachedUser {
  userId: string;
  priority: number;
  active: boolean;
}

/** Where a queue's call goes when it overflows: a queue, a user, a call list (callback) or a phone number. */
export interface OverflowTarget {
  kind: 'queue' | 'user' | 'callList' | 'number';
  /** Id for queue/user/callList, E.164 for number. */
  target: string;
}

@Entity('organizations')
export class OrganizationEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') name!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('org_users')
@Index('org_users_org_idx', ['organizationId'])
// Unique per organisation (migration 1764000000004); the user name index is on lower(user_name),
// which TypeORM cannot describe, so it is declared here without being synchronised.
@Index('org_users_user_name_key', { synchronize: false })
@Index('org_users_number_key', ['organizationId', 'number'], { unique: true })
export class OrgUserEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ name: 'user_name', type: 'text' }) userName!: string;
  @Column('text') number!: string;
  @Column({ type: 'text', default: 'Available' }) availability!: Availability;
  /** Where the user's unanswered or unreachable calls go (UserCallInUserOverflow); null: nowhere. */
  @Column({ name: 'overflow_target', type: 'jsonb', nullable: true }) overflowTarget!: OverflowTarget | null;
  /** Working terminals; 0 makes every call to the user BusyForTechnicalError. */
  @Column({ name: 'service_terminals', type: 'int', default: 1 }) serviceTerminals!: number;
  /** Transfer all: every direct call goes to the overflow target at once (Reason TransferAll). */
  @Column({ name: 'forward_all', type: 'boolean', default: false }) forwardAll!: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('service_queues')
@Index('service_queues_org_idx', ['organizationId'])
@Index('service_queues_number_key', ['organizationId', 'number'], { unique: true })
export class ServiceQueueEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column('text') name!: string;
  @Column('text') number!: string;
  @Column({ name: 'attached_users', type: 'jsonb', default: [] }) attachedUsers!: AttachedUser[];
  @Column({ name: 'wrap_up_seconds', type: 'int', default: 30 }) wrapUpSeconds!: number;
  @Column({ name: 'max_wait_seconds', type: 'int', default: 120 }) maxWaitSeconds!: number;
  /** The queue's own allocation priority, in seconds of "age". */
  @Column({ type: 'int', default: 0 }) priority!: number;
  @Column({ name: 'overflow_target', type: 'jsonb', nullable: true }) overflowTarget!: OverflowTarget | null;
  /** QueueStatus.OpenStatus (5 Open); a transfer into a queue that is not open is cancelled (TargetClosed). */
  @Column({ name: 'open_status', type: 'int', default: 5 }) openStatus!: number;
  /** Landis OUPath of the queue's records; null: "/" + the organisation's name. */
  @Column({ name: 'ou_path', type: 'text', nullable: true }) ouPath!: string | null;
  /** Landis MetServiceLevel: answered within this many seconds of waiting. */
  @Column({ name: 'service_level_seconds', type: 'int', default: 20 }) serviceLevelSeconds!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** A Landis Contact Center IVR: blocks a caller passes before a transfer or a hang-up. */
@Entity('ivrs')
@Index('ivrs_org_idx', ['organizationId'])
@Index('ivrs_number_key', ['organizationId', 'number'], { unique: true })
export class IvrEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column('text') name!: string;
  @Column('text') number!: string;
  @Column({ name: 'ou_path', type: 'text', nullable: true }) ouPath!: string | null;
  /** As the simulation engine takes them (IvrBlock); the admin API presents them in PascalCase. */
  @Column({ type: 'jsonb' }) blocks!: IvrBlock[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

@Entity('call_lists')
@Index('call_lists_org_idx', ['organizationId'])
export class CallListEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column('text') name!: string;
  @Column({ name: 'is_auto_allocate', type: 'boolean', default: false }) isAutoAllocate!: boolean;
  @Column({ name: 'attached_user_ids', type: 'jsonb', default: [] }) attachedUserIds!: string[];
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
}

/** The latest state of each callback request, as its last CallbackChanged event described it. */
@Entity('callback_requests')
@Index('callback_requests_list_idx', ['callListId'])
export class CallbackRequestEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column({ name: 'call_list_id', type: 'uuid' }) callListId!: string;
  @Column({ name: 'is_closed', type: 'boolean', default: false }) isClosed!: boolean;
  @Column({ type: 'json' }) state!: Record<string, unknown>;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
