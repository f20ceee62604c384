import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A user's own overflow target, terminal count and transfer-all, a queue's open status: so every documented reason can be set up. */
export class OrganizationReachability1764000000017 implements MigrationInterface {
  name = 'OrganizationReachability1764000000017';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "org_users" ADD "overflow_target" jsonb`);
    await q.query(`ALTER TABLE "org_users" ADD "service_terminals" integer NOT NULL DEFAULT 1`);
    await q.query(`ALTER TABLE "org_users" ADD "forward_all" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "service_queues" ADD "open_status" integer NOT NULL DEFAULT 5`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "service_queues" DROP COLUMN "open_status"`);
    await q.query(`ALTER TABLE "org_users" DROP COLUMN "forward_all"`);
    await q.query(`ALTER TABLE "org_users" DROP COLUMN "service_terminals"`);
    await q.query(`ALTER TABLE "org_users" DROP COLUMN "overflow_target"`);
  }
}
