import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "events" (
      "id" uuid NOT NULL,
      "event_type" text NOT NULL,
      "entity_type" text NOT NULL,
      "entity_id" uuid,
      "organization_id" uuid NOT NULL,
      "call_id" uuid,
      "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "source" text NOT NULL,
      "body" json NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_events" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "events_created_idx" ON "events" ("created_at")`);
    await q.query(`CREATE INDEX "events_type_created_idx" ON "events" ("event_type", "created_at")`);
    await q.query(`CREATE INDEX "events_entity_idx" ON "events" ("entity_id")`);
    await q.query(`CREATE INDEX "events_call_idx" ON "events" ("call_id")`);

    await q.query(`CREATE TABLE "webhooks" (
      "id" uuid NOT NULL,
      "endpoint" text NOT NULL,
      "insecure_ssl" boolean NOT NULL DEFAULT false,
      "secret" text,
      "is_active" boolean NOT NULL DEFAULT true,
      "headers" jsonb NOT NULL DEFAULT '{}',
      "retry_schedule_ms" integer array,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_webhooks" PRIMARY KEY ("id"))`);

    await q.query(`CREATE TABLE "subscriptions" (
      "id" uuid NOT NULL,
      "webhook_id" uuid NOT NULL,
      "event_type" text NOT NULL,
      "requested_event_type" text,
      "entity_id" uuid,
      "all_entities" boolean NOT NULL DEFAULT false,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_subscriptions" PRIMARY KEY ("id"),
      CONSTRAINT "FK_subscriptions_webhook" FOREIGN KEY ("webhook_id") REFERENCES "webhooks"("id") ON DELETE CASCADE)`);
    await q.query(`CREATE INDEX "subscriptions_webhook_idx" ON "subscriptions" ("webhook_id")`);

    await q.query(`CREATE TABLE "deliveries" (
      "id" uuid NOT NULL,
      "event_id" uuid NOT NULL,
      "webhook_id" uuid NOT NULL,
      "event_type" text NOT NULL,
      "status" text NOT NULL DEFAULT 'pending',
      "attempts" integer NOT NULL DEFAULT 0,
      "next_attempt_at" TIMESTAMP WITH TIME ZONE,
      "last_outcome" text,
      "last_status_code" integer,
      "last_error" text,
      "delivered_at" TIMESTAMP WITH TIME ZONE,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_deliveries" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "deliveries_webhook_created_idx" ON "deliveries" ("webhook_id", "created_at")`);
    await q.query(`CREATE INDEX "deliveries_event_idx" ON "deliveries" ("event_id")`);
    await q.query(`CREATE INDEX "deliveries_created_idx" ON "deliveries" ("created_at")`);
    // The reconciler scans only unfinished deliveries; a partial index keeps that cheap.
    await q.query(`CREATE INDEX "deliveries_unfinished_idx" ON "deliveries" ("created_at") WHERE "status" IN ('pending', 'retrying')`);

    await q.query(`CREATE TABLE "delivery_attempts" (
      "id" BIGSERIAL NOT NULL,
      "delivery_id" uuid NOT NULL,
      "attempt_number" integer NOT NULL,
      "trigger" text NOT NULL,
      "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "ended_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      "duration_ms" real NOT NULL,
      "outcome" text NOT NULL,
      "status_code" integer,
      "error_message" text,
      "request_headers" jsonb NOT NULL,
      "response_headers" jsonb,
      "response_body_excerpt" text,
      "response_body_bytes" integer NOT NULL DEFAULT 0,
      CONSTRAINT "PK_delivery_attempts" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "delivery_attempts_delivery_idx" ON "delivery_attempts" ("delivery_id", "attempt_number")`);
    await q.query(`CREATE INDEX "delivery_attempts_started_idx" ON "delivery_attempts" ("started_at")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "delivery_attempts"`);
    await q.query(`DROP TABLE "deliveries"`);
    await q.query(`DROP TABLE "subscriptions"`);
    await q.query(`DROP TABLE "webhooks"`);
    await q.query(`DROP TABLE "events"`);
  }
}
