import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { UniqueUserNamesAndNumbers1764000000004 } from '../migrations/1764000000004-unique-user-names-and-numbers';
import { dataSourceOptions } from '../src/database/data-source-options';
import { migratedBefore } from './support/migrated-before';
import { createTestInfra, type TestInfra } from './support/test-infra';

describe('migration: unique user names and numbers over a database that already has duplicates', () => {
  let infra: TestInfra;

  beforeAll(async () => {
    infra = await createTestInfra();
  });
  afterAll(async () => {
    await infra?.drop();
  });

  it('keeps every row, renames all but the oldest copy visibly, then refuses new duplicates', async () => {
    const before = await migratedBefore(infra.databaseUrl, UniqueUserNamesAndNumbers1764000000004);
    const org = randomUUID();
    await before.query(`INSERT INTO organizations (id, name) VALUES ($1, 'Org')`, [org]);
    const users: [string, string, string][] = [
      ['2026-01-01T00:00:00Z', 'anna@demo.example', '+358401'],
      ['2026-01-02T00:00:00Z', 'Anna@demo.example', '+358402'],
      ['2026-01-03T00:00:00Z', 'bert@demo.example', '+358401'],
    ];
    for (const [at, name, number] of users) {
      await before.query(`INSERT INTO org_users (id, organization_id, user_name, number, created_at) VALUES ($1, $2, $3, $4, $5)`, [
        randomUUID(),
        org,
        name,
        number,
        at,
      ]);
    }
    for (const at of ['2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z']) {
      await before.query(`INSERT INTO service_queues (id, organization_id, name, number, created_at) VALUES ($1, $2, 'Q', '+35810', $3)`, [
        randomUUID(),
        org,
        at,
      ]);
    }
    await before.destroy();

    const after = new DataSource(dataSourceOptions(infra.databaseUrl));
    await after.initialize();
    await after.runMigrations();
    const rows = (await after.query(`SELECT user_name, number FROM org_users ORDER BY created_at`)) as { user_name: string; number: string }[];
    expect(rows).toEqual([
      { user_name: 'anna@demo.example', number: '+358401' },
      { user_name: 'Anna@demo.example#duplicate-1', number: '+358402' },
      { user_name: 'bert@demo.example', number: '+358401#duplicate-1' },
    ]);
    const queues = (await after.query(`SELECT number FROM service_queues ORDER BY created_at`)) as { number: string }[];
    expect(queues.map((q) => q.number)).toEqual(['+35810', '+35810#duplicate-1']);
    await expect(
      after.query(`INSERT INTO org_users (id, organization_id, user_name, number) VALUES ($1, $2, 'ANNA@demo.example', '+358409')`, [randomUUID(), org]),
    ).rejects.toThrow(/org_users_user_name_key/);
    await after.destroy();
  });
});
