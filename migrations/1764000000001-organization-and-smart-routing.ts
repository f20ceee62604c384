import type { MigrationInterface, QueryRunner } from 'typeorm';

export class OrganizationAndSmartRouting1764000000001 implements MigrationInterface {
  name = 'OrganizationAndSmartRouting1764000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "organizations" (
      "id" uuid NOT NULL, "name" text NOT NULL,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_organizations" PRIMARY KEY ("id"))`);
    await q.query(`CREATE TABLE "org_users" (
      "id" uuid NOT NULL, "organization_id" uuid NOT NULL, "user_name" text NOT NULL, "number" text NOT NULL,
      "availability" text NOT NULL DEFAULT 'Available',
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_org_users" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "org_users_org_idx" ON "org_users" ("organization_id")`);
    await q.query(`CREATE TABLE "service_queues" (
      "id" uuid NOT NULL, "organization_id" uuid NOT NULL, "name" text NOT NULL, "number" text NOT NULL,
      "attached_users" jsonb NOT NULL DEFAULT '[]', "wrap_up_seconds" integer NOT NULL DEFAULT 30,
      "max_wait_seconds" integer NOT NULL DEFAULT 120, "priority" integer NOT NULL DEFAULT 0, "overflow_target" jsonb,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_service_queues" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "service_queues_org_idx" ON "service_queues" ("organization_id")`);
    await q.query(`CREATE TABLE "call_lists" (
      "id" uuid NOT NULL, "organization_id" uuid NOT NULL, "name" text NOT NULL,
      "is_auto_allocate" boolean NOT NULL DEFAULT false, "attached_user_ids" jsonb NOT NULL DEFAULT '[]',
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_call_lists" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "call_lists_org_idx" ON "call_lists" ("organization_id")`);
    await q.query(`CREATE TABLE "callback_requests" (
      "id" uuid NOT NULL, "call_list_id" uuid NOT NULL, "is_closed" boolean NOT NULL DEFAULT false,
      "state" json NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL,
      CONSTRAINT "PK_callback_requests" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "callback_requests_list_idx" ON "callback_requests" ("call_list_id")`);
    await q.query(`CREATE TABLE "smart_routing_configs" (
      "queue_id" uuid NOT NULL, "endpoint" text NOT NULL, "insecure_ssl" boolean NOT NULL DEFAULT false,
      "auth_type" text NOT NULL DEFAULT 'none', "api_key" text, "username" text, "password" text,
      "timeout_ms" integer NOT NULL DEFAULT 5000, "target_id" text, "send_extra_data" boolean NOT NULL DEFAULT false,
      "dynamic_values" jsonb NOT NULL DEFAULT '{}', "is_active" boolean NOT NULL DEFAULT true,
      "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
      CONSTRAINT "PK_smart_routing_configs" PRIMARY KEY ("queue_id"))`);
    await q.query(`CREATE TABLE "smart_routing_requests" (
      "id" uuid NOT NULL, "queue_id" uuid NOT NULL, "call_id" uuid NOT NULL,
      "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL, "request" jsonb NOT NULL, "response_status" integer,
      "response_body_excerpt" text, "latency_ms" real NOT NULL, "outcome" text NOT NULL, "reason" text,
      "applied" jsonb, "ignored" jsonb NOT NULL DEFAULT '[]',
      CONSTRAINT "PK_smart_routing_requests" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "smart_routing_requests_queue_idx" ON "smart_routing_requests" ("queue_id", "requested_at")`);
    await q.query(`CREATE INDEX "smart_routing_requests_call_idx" ON "smart_routing_requests" ("call_id")`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'smart_routing_requests',
      'smart_routing_configs',
      'callback_requests',
      'call_lists',
      'service_queues',
      'org_users',
      'organizations',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
  }
}
