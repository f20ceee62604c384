import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Landis Contact Center in the simulation: IVRs, and each queue's OU path and service level. */
export class LandisIvrsAndQueueServiceLevel1764000000020 implements MigrationInterface {
  name = 'LandisIvrsAndQueueServiceLevel1764000000020';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "service_queues" ADD "ou_path" text`);
    await q.query(`ALTER TABLE "service_queues" ADD "service_level_seconds" integer NOT NULL DEFAULT 20`);
    await q.query(`CREATE TABLE "ivrs" (
      "id" uuid PRIMARY KEY,
      "organization_id" uuid NOT NULL,
      "name" text NOT NULL,
      "number" text NOT NULL,
      "ou_path" text,
      "blocks" jsonb NOT NULL,
      "created_at" timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX "ivrs_org_idx" ON "ivrs" ("organization_id")`);
    await q.query(`CREATE UNIQUE INDEX "ivrs_number_key" ON "ivrs" ("organization_id", "number")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "ivrs"`);
    await q.query(`ALTER TABLE "service_queues" DROP COLUMN "service_level_seconds"`);
    await q.query(`ALTER TABLE "service_queues" DROP COLUMN "ou_path"`);
  }
}
