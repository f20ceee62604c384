import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SmartRoutingConfigFollowsQueue1764000000023 } from '../migrations/1764000000023-smart-routing-config-follows-queue';
import { dataSourceOptions } from '../src/database/data-source-options';
import { migratedBefore } from './support/migrated-before';
import { createTestInfra, type TestInfra } from './support/test-infra';

describe('migration: SmartRouting configurations follow their queue, over a database that already has orphans', () => {
  let infra: TestInfra;

  beforeAll(async () => {
    infra = await createTestInfra();
  });
  afterAll(async () => {
    await infra?.drop();
  });

  it("removes configurations whose queue is gone, keeps the others, and then a queue's deletion takes its configuration", async () => {
    const before = await migratedBefore(infra.databaseUrl, SmartRoutingConfigFollowsQueue1764000000023);
    const [org, kept, orphan] = [randomUUID(), randomUUID(), randomUUID()];
    await before.query(`INSERT INTO organizations (id, name) VALUES ($1, 'Org')`, [org]);
    await before.query(`INSERT INTO service_queues (id, organization_id, name, number) VALUES ($1, $2, 'Q', '+35810')`, [kept, org]);
    for (const queueId of [kept, orphan]) {
      await before.query(`INSERT INTO smart_routing_configs (queue_id, endpoint) VALUES ($1, 'https://routing.example.com/sr')`, [queueId]);
    }
    await before.destroy();

    const after = new DataSource(dataSourceOptions(infra.databaseUrl));
    await after.initialize();
    try {
      await after.runMigrations();
      const configs = (await after.query(`SELECT queue_id FROM smart_routing_configs`)) as { queue_id: string }[];
      expect(configs).toEqual([{ queue_id: kept }]);
      await expect(
        after.query(`INSERT INTO smart_routing_configs (queue_id, endpoint) VALUES ($1, 'https://routing.example.com/sr')`, [randomUUID()]),
      ).rejects.toThrow(/FK_smart_routing_configs_queue/);
      await after.query(`DELETE FROM service_queues WHERE id = $1`, [kept]);
      expect(await after.query(`SELECT queue_id FROM smart_routing_configs`)).toEqual([]);
      await after.undoLastMigration();
      await after.query(`INSERT INTO smart_routing_configs (queue_id, endpoint) VALUES ($1, 'https://routing.example.com/sr')`, [orphan]);
    } finally {
      await after.destroy();
    }
  });
});
