import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { startTestApp, type TestApp } from './support/test-app';
import { createTestInfra } from './support/test-infra';
import { MIGRATIONS } from '../migrations';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName } from '../src/deliveries/delivery-queue';
import { receiverUrl } from './support/receiver-host';

function runMain(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', resolve(__dirname, '../src/main.ts')], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => done({ code, output }));
  });
}

describe('foundation', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('applies every migration to an empty database and records it', async () => {
    const client = new Client({ connectionString: app.infra.databaseUrl });
    await client.connect();
    const recorded = await client.query('SELECT name FROM migrations ORDER BY id');
    const tables = await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    await client.end();
    expect(recorded.rows.map((r) => r.name)).toEqual(MIGRATIONS.map((m) => m.name));
    expect(tables.rows.map((r) => r.tablename)).toEqual(expect.arrayContaining(['events', 'webhooks', 'subscriptions', 'deliveries', 'delivery_attempts']));
  });

  it('builds with its migrations exactly the schema the entities describe (no drift)', async () => {
    const drift = await app.context.get(DataSource).driver.createSchemaBuilder().log();
    expect(drift.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('reports PostgreSQL and Redis on /health', async () => {
    const res = await request(app.http!.getHttpServer()).get('/health').expect(200);
    expect(res.body.status).toBe('ok');
    expect(res.body.info.postgres.status).toBe('up');
    expect(res.body.info.redis.status).toBe('up');
  });

  it('describes the admin API on /docs', async () => {
    const res = await request(app.http!.getHttpServer()).get('/docs/json').expect(200);
    expect(res.body.info.title).toBe('Enreach webhook emulator');
    expect(Object.keys(res.body.paths)).toContain('/health');
  });

  it('lets two processes start on one empty database at once, applying migrations once', async () => {
    const infra = await createTestInfra();
    try {
      const [a, b] = await Promise.all([startTestApp({}, infra), startTestApp({}, infra)]);
      const client = new Client({ connectionString: infra.databaseUrl });
      await client.connect();
      const recorded = await client.query('SELECT name FROM migrations');
      await client.end();
      await a.close();
      await b.close();
      expect(recorded.rows).toHaveLength(MIGRATIONS.length);
    } finally {
      await infra.drop();
    }
  });

  it('requires the admin key on admin routes when one is set, but not on /health', async () => {
    const keyed = await startTestApp({ ADMIN_API_KEY: 'a-very-long-admin-key-123' });
    try {
      const server = keyed.http!.getHttpServer();
      await request(server).get('/health').expect(200);
      await request(server).get('/api/event-types').set('X-Admin-Key', 'wrong-key-wrong-key-12').expect(401);
      await request(server).get('/api/event-types').set('X-Admin-Key', 'a-very-long-admin-key-123').expect(200);
    } finally {
      await keyed.close();
    }
  });

  it('consumes no jobs with ROLE=api, and does with ROLE=all', async () => {
    const infra = await createTestInfra();
    const apiOnly = await startTestApp({ ROLE: 'api' }, infra);
    try {
      const queue = apiOnly.context.get<Queue>(getQueueToken(QueueName.Deliveries));
      const created = await request(apiOnly.http!.getHttpServer())
        .post('/api/webhooks')
        .send({ Webhook: { Endpoint: receiverUrl('/role-test') }, Subscriptions: [{ EventType: 'UserStatus', AllEntities: true }] })
        .expect(201);
      await request(apiOnly.http!.getHttpServer()).post('/api/events').send({ EventType: 'UserStatus' }).expect(201);
      await new Promise((r) => setTimeout(r, 500));
      expect(await queue.getWorkersCount()).toBe(0);
      expect(await queue.getWaitingCount()).toBe(1);
      await request(apiOnly.http!.getHttpServer()).delete(`/api/webhooks/${created.body.Id}`).expect(204);
      const all = await startTestApp({ ROLE: 'all' }, infra);
      try {
        const deadline = Date.now() + 3000;
        while ((await queue.getWorkersCount()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        expect(await queue.getWorkersCount()).toBeGreaterThanOrEqual(1);
        // The waiting job is consumed (its webhook is gone, so it is discarded without a request).
        while ((await queue.getWaitingCount()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        expect(await queue.getWaitingCount()).toBe(0);
      } finally {
        await all.close();
      }
    } finally {
      await apiOnly.close();
      await infra.drop();
    }
  });

  it('stops at start with a message naming a bad variable', async () => {
    const { code, output } = await runMain({ ROLE: 'everything', DATABASE_URL: 'postgres://x', REDIS_URL: 'redis://x' });
    expect(code).toBe(2);
    expect(output).toContain('ROLE="everything": must be one of: all, api, worker');
  }, 30000);
});
