import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A user's UserName and Number are unique in the organisation: two agents with one number make the
 * simulation's model unbuildable. Rows that already break this (concurrent creates before the rule)
 * are kept, not deleted: every copy but the oldest gets a visible "#duplicate-N" suffix, so nothing
 * is lost and the admin can rename or delete them.
 */
export class UniqueUserNamesAndNumbers1764000000004 implements MigrationInterface {
  name = 'UniqueUserNamesAndNumbers1764000000004';

  async up(q: QueryRunner): Promise<void> {
    for (const column of ['user_name', 'number']) {
      await q.query(`
        UPDATE "org_users" u SET "${column}" = u."${column}" || '#duplicate-' || d.n
        FROM (SELECT id, row_number() OVER (PARTITION BY organization_id, "${column}" ORDER BY created_at, id) - 1 AS n FROM "org_users") d
        WHERE u.id = d.id AND d.n > 0`);
    }
    await q.query(`CREATE UNIQUE INDEX "org_users_user_name_key" ON "org_users" ("organization_id", "user_name")`);
    await q.query(`CREATE UNIQUE INDEX "org_users_number_key" ON "org_users" ("organization_id", "number")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "org_users_number_key"`);
    await q.query(`DROP INDEX "org_users_user_name_key"`);
  }
}
