import type { ScenarioEntity } from './scenario.entity';

export interface ScenarioProgress {
  CallsPlanned: number;
  CallsPlaced: number;
  CallsFailed: number;
  /** Placed (or failed) / planned, 0..1. */
  Share: number;
  EventsEmitted: number;
  Deliveries: Record<string, number>;
}

export function presentScenario(row: ScenarioEntity, progress: ScenarioProgress, withReport = true) {
  return {
    Id: row.id,
    Status: row.status,
    Seed: row.seed,
    TimeScale: row.timeScale,
    Options: row.options,
    StartedAt: row.startedAt,
    FinishedAt: row.finishedAt,
    Progress: progress,
    ...(row.error ? { Error: row.error } : {}),
    ...(withReport && row.report ? { Report: row.report } : {}),
  };
}
