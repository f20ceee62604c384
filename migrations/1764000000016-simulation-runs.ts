import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Every simulation run (a reset, a start, an organisation change), so a recorded run can be replayed exactly. */
export class SimulationRuns1764000000016 implements MigrationInterface {
  name = 'SimulationRuns1764000000016';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "simulation_runs" (
      "id" uuid PRIMARY KEY,
      "seed" text NOT NULL,
      "start_time" timestamptz NOT NULL,
      "time_scale" double precision NOT NULL,
      "paused" boolean NOT NULL,
      "organization" jsonb,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "simulation_runs"`);
  }
}
