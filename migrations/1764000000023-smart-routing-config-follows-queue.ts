import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A queue's SmartRouting configuration is deleted with the queue, in the same statement: a left-over
 * configuration was still served by its route and kept its credentials. Configurations whose queue
 * is already gone are removed first (nothing can route through them, and the key refuses them).
 */
export class SmartRoutingConfigFollowsQueue1764000000023 implements MigrationInterface {
  name = 'SmartRoutingConfigFollowsQueue1764000000023';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "smart_routing_configs" c WHERE NOT EXISTS (SELECT 1 FROM "service_queues" s WHERE s.id = c.queue_id)`);
    await q.query(`ALTER TABLE "smart_routing_configs" ADD CONSTRAINT "FK_smart_routing_configs_queue"
      FOREIGN KEY ("queue_id") REFERENCES "service_queues"("id") ON DELETE CASCADE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "smart_routing_configs" DROP CONSTRAINT "FK_smart_routing_configs_queue"`);
  }
}
