import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export const SCENARIO_STATUSES = ['running', 'draining', 'completed', 'stopped', 'interrupted', 'failed'] as const;
export type ScenarioStatus = (typeof SCENARIO_STATUSES)[number];

/** One scenario run; the report is stored with it so it survives restarts and later purges. */
@Entity('scenarios')
@Index('scenarios_started_idx', ['startedAt'])
export class ScenarioEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column({ type: 'text' })
  status!: ScenarioStatus;

  @Column({ type: 'text' })
  seed!: string;

  @Column({ name: 'time_scale', type: 'double precision' })
  timeScale!: number;

  /** The request as given (normalised), so a run can be repeated. */
  @Column({ type: 'jsonb' })
  options!: Record<string, unknown>;

  @Column({ name: 'calls_planned', type: 'int', default: 0 })
  callsPlanned!: number;

  @Column({ name: 'calls_placed', type: 'int', default: 0 })
  callsPlaced!: number;

  @Column({ name: 'calls_failed', type: 'int', default: 0 })
  callsFailed!: number;

  @Column({ type: 'jsonb', nullable: true })
  report!: Record<string, unknown> | null;

  @Column({ type: 'text', nullable: true })
  error!: string | null;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
