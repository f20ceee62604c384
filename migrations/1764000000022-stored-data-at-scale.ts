import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Lists and webhook figures that stay fast with millions of rows: indexes in the lists' keyset order
 * (newest first, ties by id), and per-webhook delivery counts kept as rows change instead of
 * counted on request.
 *
 * The counts are deltas: statement-level triggers append one row per (webhook, status) a statement
 * changed, so concurrent writers never wait on a shared counter row; a read sums a webhook's rows and
 * DeliveryCounts folds them together now and then. A TRUNCATE of deliveries empties them.
 */
export class StoredDataAtScale1764000000022 implements MigrationInterface {
  name = 'StoredDataAtScale1764000000022';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "deliveries_created_idx"`);
    await q.query(`CREATE INDEX "deliveries_created_idx" ON "deliveries" ("created_at", "id")`);
    await q.query(`DROP INDEX "deliveries_webhook_created_idx"`);
    await q.query(`CREATE INDEX "deliveries_webhook_created_idx" ON "deliveries" ("webhook_id", "created_at", "id")`);
    // Discarded deliveries are few: without their own index, ?status=discarded walks every delivery.
    await q.query(`CREATE INDEX "deliveries_discarded_idx" ON "deliveries" ("created_at", "id") WHERE "status" = 'discarded'`);
    // A webhook's last error, without reading its delivered rows.
    await q.query(
      `CREATE INDEX "deliveries_webhook_failed_idx" ON "deliveries" ("webhook_id", "updated_at") WHERE "last_outcome" IS NOT NULL AND "last_outcome" <> 'delivered'`,
    );
    await q.query(`DROP INDEX "events_created_idx"`);
    await q.query(`CREATE INDEX "events_created_idx" ON "events" ("created_at", "occurred_at", "id")`);
    await q.query(`DROP INDEX "events_type_created_idx"`);
    await q.query(`CREATE INDEX "events_type_created_idx" ON "events" ("event_type", "created_at", "occurred_at", "id")`);

    await q.query(`CREATE TABLE "webhook_delivery_counts" ("webhook_id" uuid NOT NULL, "status" text NOT NULL, "n" bigint NOT NULL)`);
    await q.query(`CREATE INDEX "webhook_delivery_counts_webhook_idx" ON "webhook_delivery_counts" ("webhook_id")`);
    await q.query(`INSERT INTO "webhook_delivery_counts" SELECT webhook_id, status, count(*) FROM deliveries GROUP BY 1, 2`);
    await q.query(`CREATE FUNCTION webhook_delivery_counts_added() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO webhook_delivery_counts SELECT webhook_id, status, count(*) FROM new_rows GROUP BY 1, 2;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION webhook_delivery_counts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO webhook_delivery_counts
          SELECT webhook_id, status, sum(n) FROM (
            SELECT webhook_id, status, 1 AS n FROM new_rows UNION ALL SELECT webhook_id, status, -1 FROM old_rows
          ) AS moves GROUP BY 1, 2 HAVING sum(n) <> 0;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION webhook_delivery_counts_removed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO webhook_delivery_counts SELECT webhook_id, status, -count(*) FROM old_rows GROUP BY 1, 2;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE FUNCTION webhook_delivery_counts_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        TRUNCATE webhook_delivery_counts;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER "deliveries_counts_insert" AFTER INSERT ON "deliveries" REFERENCING NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION webhook_delivery_counts_added()`);
    await q.query(`CREATE TRIGGER "deliveries_counts_update" AFTER UPDATE ON "deliveries" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
      FOR EACH STATEMENT EXECUTE FUNCTION webhook_delivery_counts_changed()`);
    await q.query(`CREATE TRIGGER "deliveries_counts_delete" AFTER DELETE ON "deliveries" REFERENCING OLD TABLE AS old_rows
      FOR EACH STATEMENT EXECUTE FUNCTION webhook_delivery_counts_removed()`);
    await q.query(`CREATE TRIGGER "deliveries_counts_truncate" AFTER TRUNCATE ON "deliveries"
      FOR EACH STATEMENT EXECUTE FUNCTION webhook_delivery_counts_truncated()`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['insert', 'update', 'delete', 'truncate']) await q.query(`DROP TRIGGER "deliveries_counts_${t}" ON "deliveries"`);
    for (const f of ['added', 'changed', 'removed', 'truncated']) await q.query(`DROP FUNCTION webhook_delivery_counts_${f}()`);
    await q.query(`DROP TABLE "webhook_delivery_counts"`);
    await q.query(`DROP INDEX "events_type_created_idx"`);
    await q.query(`CREATE INDEX "events_type_created_idx" ON "events" ("event_type", "created_at")`);
    await q.query(`DROP INDEX "events_created_idx"`);
    await q.query(`CREATE INDEX "events_created_idx" ON "events" ("created_at")`);
    await q.query(`DROP INDEX "deliveries_webhook_failed_idx"`);
    await q.query(`DROP INDEX "deliveries_discarded_idx"`);
    await q.query(`DROP INDEX "deliveries_webhook_created_idx"`);
    await q.query(`CREATE INDEX "deliveries_webhook_created_idx" ON "deliveries" ("webhook_id", "created_at")`);
    await q.query(`DROP INDEX "deliveries_created_idx"`);
    await q.query(`CREATE INDEX "deliveries_created_idx" ON "deliveries" ("created_at")`);
  }
}
