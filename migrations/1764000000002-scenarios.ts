import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Scenario runs and the tag that makes their report a SQL aggregate over events and deliveries. */
export class Scenarios1764000000002 implements MigrationInterface {
  name = 'Scenarios1764000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "scenarios" (
      "id" uuid NOT NULL, "status" text NOT NULL, "seed" text NOT NULL, "time_scale" double precision NOT NULL,
      "options" jsonb NOT NULL, "calls_planned" integer NOT NULL DEFAULT 0, "calls_placed" integer NOT NULL DEFAULT 0,
      "calls_failed" integer NOT NULL DEFAULT 0, "report" jsonb, "error" text,
      "started_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "finished_at" TIMESTAMP WITH TIME ZONE,
      CONSTRAINT "PK_scenarios" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "scenarios_started_idx" ON "scenarios" ("started_at")`);
    await q.query(`ALTER TABLE "events" ADD "scenario_id" uuid`);
    await q.query(`CREATE INDEX "events_scenario_idx" ON "events" ("scenario_id")`);
    // Deliveries carry it too: a replayed seed re-tags the same event rows, yet each run keeps its own deliveries.
    await q.query(`ALTER TABLE "deliveries" ADD "scenario_id" uuid`);
    await q.query(`CREATE INDEX "deliveries_scenario_idx" ON "deliveries" ("scenario_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "deliveries_scenario_idx"`);
    await q.query(`ALTER TABLE "deliveries" DROP COLUMN "scenario_id"`);
    await q.query(`DROP INDEX "events_scenario_idx"`);
    await q.query(`ALTER TABLE "events" DROP COLUMN "scenario_id"`);
    await q.query(`DROP TABLE "scenarios"`);
  }
}
