import type { MigrationInterface, QueryRunner } from 'typeorm';

/** [table, index, key expression]: what the simulation's model requires to be unique in an organisation. */
const UNIQUE: [string, string, string][] = [
  ['org_users', 'org_users_user_name_key', 'lower("user_name")'],
  ['org_users', 'org_users_number_key', '"number"'],
  ['service_queues', 'service_queues_number_key', '"number"'],
];

/**
 * A user's UserName (case-insensitively) and Number, and a queue's Number, are unique in the
 * organisation: duplicates make the simulation's model unbuildable. Rows that already break this
 * (concurrent creates before the rule) are kept, not deleted: every copy but the oldest gets a
 * visible "#duplicate-N" suffix, so nothing is lost and the admin can rename or delete them.
 */
export class UniqueUserNamesAndNumbers1764000000004 implements MigrationInterface {
  name = 'UniqueUserNamesAndNumbers1764000000004';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, index, expression] of UNIQUE) {
      const column = expression.match(/"(\w+)"/)![1];
      await q.query(`
        UPDATE "${table}" t SET "${column}" = t."${column}" || '#duplicate-' || d.n
        FROM (SELECT id, row_number() OVER (PARTITION BY organization_id, ${expression} ORDER BY created_at, id) - 1 AS n FROM "${table}") d
        WHERE t.id = d.id AND d.n > 0`);
      await q.query(`CREATE UNIQUE INDEX "${index}" ON "${table}" ("organization_id", ${expression})`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [, index] of UNIQUE) await q.query(`DROP INDEX "${index}"`);
  }
}
