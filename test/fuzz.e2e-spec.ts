import { Agent } from 'node:http';
import { Client } from 'pg';
import { fuzzCases, type FuzzCase, type OpenApiDocument } from './support/openapi-fuzz';
import { rawRequest, type RawAnswer } from './support/raw-http';
import { startTestApp, type TestApp } from './support/test-app';

const CONCURRENCY = 8;

/**
 * An adversary's fuzz of every route in /docs/json (see support/openapi-fuzz.ts): every case is
 * malformed, so each must get a 4xx with the error shape; none may get a 5xx, a reset or a 2xx.
 */
describe('admin API fuzz (routes from the OpenAPI document)', () => {
  let app: TestApp;
  let base: string;
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

  beforeAll(async () => {
    app = await startTestApp({ DEMO_ORGANIZATION: 'true' });
    base = app.url!;
  });
  afterAll(async () => {
    agent.destroy();
    await app?.close();
  });

  it('answers every malformed request of every operation with a 4xx in the one error shape: no 5xx, no reset, nothing accepted', async () => {
    const doc = JSON.parse((await rawRequest(base, 'GET', '/docs/json')).text) as OpenApiDocument;
    const operations = Object.values(doc.paths).flatMap((item) => Object.values(item));
    expect(operations.length).toBeGreaterThanOrEqual(50);
    // The error contract is part of the document: every operation names the one error shape.
    expect(doc.components?.schemas?.ErrorResponse).toBeDefined();
    for (const op of operations)
      expect(op.responses?.['400']?.content).toEqual({ 'application/json': { schema: { $ref: '#/components/schemas/ErrorResponse' } } });
    const cases = fuzzCases(doc);
    expect(cases.length).toBeGreaterThanOrEqual(2000);

    const failures: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < cases.length) {
        const c: FuzzCase = cases[next++];
        let answer: RawAnswer;
        try {
          answer = await rawRequest(base, c.method, c.path, { headers: c.headers, body: c.body, agent });
        } catch (e) {
          failures.push(`${c.method} ${c.path.slice(0, 80)} [${c.label}]: ${(e as Error).message}`);
          continue;
        }
        let shaped = false;
        try {
          const body = JSON.parse(answer.text) as { statusCode?: unknown; error?: unknown; message?: unknown };
          shaped = body.statusCode === answer.status && typeof body.error === 'string' && Array.isArray(body.message) && body.message.length > 0;
        } catch {
          shaped = false;
        }
        if (answer.status < 400 || answer.status >= 500 || !shaped) {
          failures.push(`${c.method} ${c.path.slice(0, 80)} [${c.label}]: ${answer.status} ${answer.text.slice(0, 200)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(failures).toEqual([]);

    const health = await rawRequest(base, 'GET', '/health');
    expect(health.status).toBe(200);
    const queues = JSON.parse((await rawRequest(base, 'GET', '/api/queues')).text) as { Id: string }[];
    const call = await rawRequest(base, 'POST', '/api/calls', {
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify({ Type: 'queue', Queue: queues[0].Id })),
    });
    expect(call.status).toBe(201);
  });

  it('lets exactly one of six concurrent identical user creates through; the others get 409, and the simulation still rebuilds', async () => {
    const body = Buffer.from(JSON.stringify({ UserName: 'twin@demo.example', Number: '+358409998877' }));
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => rawRequest(base, 'POST', '/api/users', { headers: { 'content-type': 'application/json' }, body })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409)) expect(JSON.parse(a.text).message[0]).toMatch(/twin@demo\.example|\+358409998877/);
    const client = new Client({ connectionString: app.infra.databaseUrl });
    await client.connect();
    const rows = await client.query(`SELECT count(*)::int AS n FROM org_users WHERE user_name = 'twin@demo.example' OR number = '+358409998877'`);
    await client.end();
    expect(rows.rows[0].n).toBe(1);
    const reset = await rawRequest(base, 'POST', '/api/simulation/reset', {
      headers: { 'content-type': 'application/json' },
      body: Buffer.from('{"Paused":true}'),
    });
    expect(reset.status).toBe(200);
  });

  it('takes two concurrent first SmartRouting configurations of a queue as one upsert, without a 5xx', async () => {
    const created = await rawRequest(base, 'POST', '/api/queues', {
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify({ Name: 'Race', Number: '+358101112233' })),
    });
    const queueId = (JSON.parse(created.text) as { Id: string }).Id;
    const put = (key: string) =>
      rawRequest(base, 'PUT', `/api/queues/${queueId}/smart-routing`, {
        headers: { 'content-type': 'application/json' },
        body: Buffer.from(JSON.stringify({ Endpoint: 'https://routing.example.com/sr', ApiKey: key })),
      });
    const answers = await Promise.all([put('key-one'), put('key-two'), put('key-three')]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const client = new Client({ connectionString: app.infra.databaseUrl });
    await client.connect();
    const rows = await client.query('SELECT count(*)::int AS n FROM smart_routing_configs WHERE queue_id = $1', [queueId]);
    await client.end();
    expect(rows.rows[0].n).toBe(1);
  });
});
