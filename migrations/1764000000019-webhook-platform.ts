import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A webhook's platform: `enreach` (every webhook so far) or `landis` (ASP.NET Boilerplate style),
 * and the Landis option to switch a webhook off after that many failed attempts in a row (null: off,
 * ABP's default). A Landis webhook's event names are rows of `subscriptions` (all entities).
 */
export class WebhookPlatform1764000000019 implements MigrationInterface {
  name = 'WebhookPlatform1764000000019';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "webhooks" ADD "platform" text NOT NULL DEFAULT 'enreach'`);
    await q.query(`ALTER TABLE "webhooks" ADD CONSTRAINT "CHK_webhooks_platform" CHECK ("platform" IN ('enreach', 'landis'))`);
    await q.query(`ALTER TABLE "webhooks" ADD "deactivate_after_failures" integer`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "webhooks" DROP COLUMN "deactivate_after_failures"`);
    await q.query(`ALTER TABLE "webhooks" DROP CONSTRAINT "CHK_webhooks_platform"`);
    await q.query(`ALTER TABLE "webhooks" DROP COLUMN "platform"`);
  }
}
