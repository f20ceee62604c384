import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A delivery's own retry waits (a scenario's), so a job the reconciler recreates keeps them. */
export class DeliveryRetrySchedule1764000000003 implements MigrationInterface {
  name = 'DeliveryRetrySchedule1764000000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "deliveries" ADD "retry_schedule_ms" integer array`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "deliveries" DROP COLUMN "retry_schedule_ms"`);
  }
}
