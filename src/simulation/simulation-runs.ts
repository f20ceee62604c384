import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { OrganizationData } from './engine';

/** One recorded run: what an exact replay needs besides the commands. */
export interface RecordedRun {
  id: string;
  seed: string;
  startTime: Date;
  timeScale: number;
  paused: boolean;
  /** The organisation the run started from; null when it began mid-run (an organisation change). */
  organization: OrganizationData | null;
}

/** SHA-256 of the organisation as the engine starts from it: equal hashes, equal starting states. */
export function organizationFingerprint(data: OrganizationData): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex');
}

/**
 * A run key chosen by a caller that plans its whole run up front (a scenario): the same plan on the
 * same starting state is the same run, anything else another one.
 */
export function derivedRunKey(key: string, run: Omit<RecordedRun, 'id' | 'paused'>): string {
  const text = JSON.stringify([key, run.seed, run.startTime.toISOString(), run.timeScale, run.organization && organizationFingerprint(run.organization)]);
  const hex = createHash('sha256').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The simulation_runs table. */
export class SimulationRuns {
  constructor(private readonly dataSource: DataSource) {}

  async record(run: RecordedRun): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO simulation_runs (id, seed, start_time, time_scale, paused, organization) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (id) DO NOTHING`,
      [run.id, run.seed, run.startTime.toISOString(), run.timeScale, run.paused, run.organization && JSON.stringify(run.organization)],
    );
  }

  async find(id: string): Promise<RecordedRun | null> {
    const rows = (await this.dataSource.query(`SELECT id, seed, start_time, time_scale, paused, organization FROM simulation_runs WHERE id = $1`, [id])) as {
      id: string;
      seed: string;
      start_time: Date;
      time_scale: number;
      paused: boolean;
      organization: OrganizationData | null;
    }[];
    const r = rows[0];
    if (!r) return null;
    return { id: r.id, seed: r.seed, startTime: new Date(r.start_time), timeScale: Number(r.time_scale), paused: r.paused, organization: r.organization };
  }
}
