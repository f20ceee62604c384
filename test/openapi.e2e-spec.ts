import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { EVENT_TYPES } from '../src/catalog/event-catalog';
import { plansByPath } from './support/plans-by-path';
import { HttpsReceiver } from './support/https-receiver';
import {
  lintOpenApi,
  pathTemplate,
  readmeApiRequests,
  readmeTour,
  responseValidator,
  typeCheckAgainstDocument,
  type Doc,
  type Operation,
} from './support/openapi-checks';
import { receiverUrl } from './support/receiver-host';
import { startTestApp, type TestApp } from './support/test-app';

const ROOT = join(__dirname, '..');

/** Polls an API condition (the simulation and the worker run asynchronously); fails naming it. */
async function until(check: () => Promise<boolean>, timeoutMs: number, what = 'the condition'): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const METHODS = ['get', 'put', 'post', 'patch', 'delete'] as const;
const ERROR_STATUSES = ['400', '401', '403', '404', '409', '413', '415', '503'];

function operations(doc: Doc): { method: string; path: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m]).map((method) => ({ method, path, op: item[method] })));
}

function requestExamples(op: Operation): { name: string; value: unknown }[] {
  const media = op.requestBody?.content['application/json'];
  if (!media) return [];
  if (media.example !== undefined) return [{ name: 'example', value: media.example }];
  return Object.entries(media.examples ?? {}).map(([name, e]) => ({ name, value: e.value }));
}

/**
 * The OpenAPI document is what clients are generated from, so CI checks it as a client would:
 * Redocly's lint, every request example sent to the running emulator, every answer checked
 * against its documented schema, and a client generated with openapi-typescript type-checked
 * against the README's tour.
 */
describe('the OpenAPI document (/docs/json)', () => {
  let app: TestApp;
  let receiver: HttpsReceiver;
  let doc: Doc;

  beforeAll(async () => {
    receiver = await HttpsReceiver.start({ port: 443 });
    app = await startTestApp({ DEMO_ORGANIZATION: 'true', RETRY_SCHEDULE: '100ms', RETRY_JITTER: '0' });
    doc = (await request(app.http!.getHttpServer()).get('/docs/json').expect(200)).body as Doc;
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  const api = () => request(app.http!.getHttpServer());

  it('lints with Redocly (recommended rules) without errors or warnings', async () => {
    const problems = await lintOpenApi(doc);
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("names first the server it was read from, so /docs calls this emulator whatever its PORT (the test app's is not 3000)", async () => {
    const servers = (doc as unknown as { servers: { url: string }[] }).servers;
    expect(servers[0].url).toBe('/');
    // Resolved as Swagger UI does, against the page's address: the same emulator answers.
    const base = new URL(servers[0].url, `${app.url}/docs`).toString().replace(/\/$/, '');
    expect((await fetch(`${base}/health`)).status).toBe(200);
  });

  it('documents every operation: summary, tag, an answer body for every 2xx but 204, the error contract, examples for every body', () => {
    const gaps: string[] = [];
    for (const { method, path, op } of operations(doc)) {
      const id = `${method.toUpperCase()} ${path}`;
      if (!op.summary) gaps.push(`${id}: no summary`);
      if (!op.tags?.length) gaps.push(`${id}: no tag`);
      const ok = Object.keys(op.responses).filter((s) => s.startsWith('2'));
      if (ok.length === 0) gaps.push(`${id}: no 2xx answer`);
      for (const s of ok) if (s !== '204' && !op.responses[s].content) gaps.push(`${id}: ${s} without a body schema`);
      // The routes open without ADMIN_API_KEY say so, and never answer 401.
      const open = Array.isArray(op.security) && op.security.length === 0;
      for (const s of ERROR_STATUSES) if (!(open && s === '401') && !op.responses[s]?.content) gaps.push(`${id}: no ${s}`);
      if (op.requestBody && requestExamples(op).length === 0) gaps.push(`${id}: a body without an example`);
      for (const p of op.parameters ?? []) if (p.in === 'query' && p.required) gaps.push(`${id}: query ${p.name} marked required`);
    }
    expect(gaps).toEqual([]);
    const open = operations(doc).filter(({ op }) => Array.isArray(op.security) && op.security.length === 0);
    expect(open.map(({ method, path }) => `${method} ${path}`).sort()).toEqual(['get /health', 'get /metrics']);
    // No schema falls back to an empty `Object` (what reflection makes of unknown, unions and any).
    expect(doc.components.schemas.Object).toBeUndefined();
    expect(JSON.stringify(doc)).not.toContain('"#/components/schemas/Object"');
  });

  it('has the 34 payloads as components and serves each as JSON Schema; an unknown name is a 404 in the error shape', async () => {
    for (const def of EVENT_TYPES) {
      expect(doc.components.schemas[`${def.name}Payload`]).toMatchObject({ type: 'object', additionalProperties: false });
      const res = await api().get(`/api/event-types/${def.name}/schema`).expect(200);
      expect(res.body).toMatchObject({
        $schema: 'http://json-schema.org/draft-07/schema#',
        title: `${def.name}Payload`,
        required: expect.arrayContaining(['EventType', 'Id', 'Timestamp']),
      });
    }
    const alias = await api().get('/api/event-types/QueueCallInAllocated/schema').expect(200);
    expect(alias.body.title).toBe('QueueCallInUserAllocatedPayload');
    const unknown = await api().get('/api/event-types/QueueCallInNowhere/schema').expect(404);
    expect(unknown.body).toEqual({ statusCode: 404, error: 'Not Found', message: [expect.stringContaining('QueueCallInNowhere')] });
  });

  it('accepts every documented request example on the running emulator, and every answer matches its documented schema', async () => {
    const check = responseValidator(doc);
    const problems: string[] = [];
    const tried = new Set<string>();
    const hook = await api()
      .post('/api/webhooks')
      .send({
        Webhook: { Endpoint: receiverUrl('/openapi'), InsecureSSL: true },
        Subscriptions: [{ EventType: 'QueueCallInUserAllocated', AllEntities: true }],
      })
      .expect(201);
    const org = (await api().get('/api/organization').expect(200)).body as {
      Queues: { Id: string; Name: string }[];
      CallLists: { Id: string }[];
      Users: { Id: string }[];
    };
    const customerService = org.Queues.find((q) => q.Name === 'Customer Service')!.Id;

    /** Sends every example of one operation; `after` cleans up what an example made (a webhook to a foreign host). */
    async function examplesOf(method: string, template: string, params: Record<string, string> = {}, after?: (answer: request.Response) => Promise<void>) {
      const op = doc.paths[template]?.[method];
      if (!op) throw new Error(`${method} ${template} is not in the document`);
      tried.add(`${method} ${template}`);
      const path = template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name]));
      const answers: request.Response[] = [];
      for (const example of requestExamples(op)) {
        const agent = api();
        const res = await agent[method as 'post'](path).send(example.value as object);
        const where = `${method.toUpperCase()} ${template} example "${example.name}"`;
        if (res.status < 200 || res.status > 299) problems.push(`${where} was refused: ${res.status} ${JSON.stringify(res.body)}`);
        else problems.push(...check(method, template, res.status, res.body).map((p) => `${where}: ${p}`));
        answers.push(res);
        await after?.(res);
      }
      return answers;
    }
    const deleteWebhook = async (res: request.Response) => {
      if (res.body?.Id) await api().delete(`/api/webhooks/${res.body.Id}`).expect(204);
    };

    // The organisation, webhooks, events and deliveries.
    await examplesOf('put', '/api/organization');
    const [user] = await examplesOf('post', '/api/users');
    await examplesOf('patch', '/api/users/{id}', { id: user.body.Id });
    const [queue] = await examplesOf('post', '/api/queues');
    await examplesOf('patch', '/api/queues/{id}', { id: queue.body.Id });
    const [list] = await examplesOf('post', '/api/call-lists');
    await examplesOf('patch', '/api/call-lists/{id}', { id: list.body.Id });
    // The IVR example leads to Customer Service; the IVR call example below names it.
    const [ivr] = await examplesOf('post', '/api/ivrs');
    await examplesOf('patch', '/api/ivrs/{id}', { id: ivr.body.Id });
    // The examples name a foreign routing host: configured on a queue no call reaches, then removed.
    await examplesOf('put', '/api/queues/{id}/smart-routing', { id: queue.body.Id });
    await api().delete(`/api/queues/${queue.body.Id}/smart-routing`).expect(204);
    await examplesOf('put', '/api/queues/{id}/attached-users', { id: customerService });
    // The examples name the platform sample's host: each webhook goes again at once, before any event.
    await examplesOf('post', '/api/webhooks', {}, deleteWebhook);
    await examplesOf('post', '/api/webhooks/{id}/subscriptions', { id: hook.body.Id });
    await examplesOf('post', '/api/webhooks/{id}/test', { id: hook.body.Id });
    await examplesOf('patch', '/api/webhooks/{id}', { id: hook.body.Id });
    await api().patch(`/api/webhooks/${hook.body.Id}`).send({ IsActive: true }).expect(200);
    await examplesOf('post', '/api/events');
    await examplesOf('post', '/api/deliveries/resend');

    // The simulation: runs, calls, users, callbacks.
    await examplesOf('post', '/api/simulation/reset', {}, async (res) => {
      if (res.body?.Paused) await examplesOf('post', '/api/simulation/advance');
    });
    await api().post('/api/simulation/reset').send({ Seed: 'openapi-examples', TimeScale: 1 }).expect(200);
    // Laura (a Sales agent) on a connected call first, so the examples' Sales call rings someone else.
    const direct = await api()
      .post('/api/calls')
      .send({ Type: 'direct', User: 'laura.makinen@demo.example', Script: { AnswerAfterSeconds: 0.2, TalkSeconds: 3600 } })
      .expect(201);
    await until(async () => (await api().get(`/api/calls/${direct.body.CallId}`)).body?.Call?.Phase === 'connected', 10_000, "laura's call to connect");
    const calls = await examplesOf('post', '/api/calls');
    await examplesOf('post', '/api/calls/{id}/hangup', { id: calls[0].body.CallId });
    // The supervision examples name laura, now on a connected call.
    await examplesOf('post', '/api/users/{user}/supervision', { user: 'jukka.nieminen@demo.example' });
    await examplesOf('post', '/api/users/{user}/supervision/stop', { user: 'jukka.nieminen@demo.example' });
    await examplesOf('post', '/api/calls/{id}/transfer', { id: direct.body.CallId });
    await examplesOf('post', '/api/users/{user}/availability', { user: 'jukka.nieminen@demo.example' });
    const [callback] = await examplesOf('post', '/api/call-lists/{id}/callbacks', { id: org.CallLists[0].Id });
    await examplesOf('post', '/api/callbacks/{id}/assign', { id: callback.body.CallBackId });
    await examplesOf('post', '/api/callbacks/{id}/attempts', { id: callback.body.CallBackId });

    // Scenarios: one at a time, each stopped before the next.
    await examplesOf('post', '/api/scenarios', {}, async (res) => {
      if (!res.body?.Id) return;
      await api().delete(`/api/scenarios/${res.body.Id}`).expect(202);
      await until(async () => !['running', 'draining'].includes((await api().get(`/api/scenarios/${res.body.Id}`)).body.Status), 30_000, 'the scenario to end');
    });

    const untried = operations(doc)
      .filter(({ method, path, op }) => requestExamples(op).length > 0 && !tried.has(`${method} ${path}`))
      .map(({ method, path }) => `${method} ${path}`);
    expect(untried).toEqual([]);
    expect(problems).toEqual([]);
  }, 120_000);

  it('answers every GET with what its schema documents', async () => {
    const check = responseValidator(doc);
    const first = async (path: string, key = 'Id'): Promise<string> => {
      const body = (await api().get(path).expect(200)).body;
      const items = Array.isArray(body) ? body : body.Items;
      return items[0][key];
    };
    // Something of each kind to read.
    await api()
      .post('/api/webhooks')
      .send({ Webhook: { Endpoint: receiverUrl('/openapi-get'), InsecureSSL: true }, Subscriptions: [{ EventType: 'QueueCallInArrived', AllEntities: true }] })
      .expect(201);
    // A Landis webhook too, so the webhook list is read with both platforms' shapes.
    await api()
      .post('/api/webhooks')
      .send({ Platform: 'landis', Webhook: { Endpoint: receiverUrl('/openapi-landis'), InsecureSSL: true, WebhookEvents: ['App.QueueWebhook'] } })
      .expect(201);
    const emitted = await api().post('/api/events').send({ EventType: 'QueueCallInArrived' }).expect(201);
    await until(async () => (await api().get(`/api/deliveries/${emitted.body.Deliveries[0].Id}`)).body.Status === 'delivered', 10_000, 'the delivery');
    const call = await api()
      .post('/api/calls')
      .send({ Type: 'queue', Queue: '+358101231234', Script: { TalkSeconds: 3600 } })
      .expect(201);
    const queueId = await first('/api/queues');
    await api()
      .put(`/api/queues/${queueId}/smart-routing`)
      .send({ Endpoint: receiverUrl('/routing'), InsecureSSL: true, IsActive: false })
      .expect(200);
    const params: Record<string, Record<string, string>> = {
      '/api/webhooks/{id}': { id: emitted.body.Deliveries[0].WebhookId },
      '/api/webhooks/{id}/subscriptions': { id: emitted.body.Deliveries[0].WebhookId },
      '/api/deliveries/{id}': { id: emitted.body.Deliveries[0].Id },
      '/api/events/{id}': { id: emitted.body.Payload.Id },
      '/api/users/{id}': { id: await first('/api/users') },
      '/api/queues/{id}': { id: queueId },
      '/api/queues/{id}/smart-routing': { id: queueId },
      '/api/call-lists/{id}': { id: await first('/api/call-lists') },
      '/api/ivrs/{id}': { id: await first('/api/ivrs') },
      '/api/event-types/{name}': { name: 'QueueCallInAllocated' },
      '/api/event-types/{name}/schema': { name: 'CallbackChanged' },
      '/api/landis/event-types/{name}': { name: 'App.IvrWebhook' },
      '/api/calls/{id}': { id: call.body.CallId },
      '/api/scenarios/{id}': { id: await first('/api/scenarios') },
    };
    const problems: string[] = [];
    for (const { path } of operations(doc).filter((o) => o.method === 'get')) {
      if (path === '/api/stream' || path === '/metrics') continue; // streams and text, not JSON
      if (path.includes('{') && !params[path]) {
        problems.push(`GET ${path}: no parameters to read it with; add them here`);
        continue;
      }
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => params[path][name]);
      const res = await api().get(url);
      problems.push(...check('get', path, res.status, res.body));
    }
    expect(problems).toEqual([]);
    // A delivery not tried yet (its receiver holds the first attempt): its nulls match the schema too.
    plansByPath(receiver).set('/openapi-pending', () => ({ hang: true }));
    const pendingHook = await api()
      .post('/api/webhooks')
      .send({ Webhook: { Endpoint: receiverUrl('/openapi-pending'), InsecureSSL: true }, Subscriptions: [{ EventType: 'UserStatus', AllEntities: true }] })
      .expect(201);
    const waiting = await api().post('/api/events').send({ EventType: 'UserStatus' }).expect(201);
    const pending = await api().get(`/api/deliveries/${waiting.body.Deliveries[0].Id}`).expect(200);
    expect(pending.body).toMatchObject({ Attempts: 0, LastOutcome: null });
    expect(check('get', '/api/deliveries/{id}', 200, pending.body)).toEqual([]);
    expect(check('get', '/api/deliveries', 200, (await api().get(`/api/deliveries?webhookId=${pendingHook.body.Id}`).expect(200)).body)).toEqual([]);
    await api().delete(`/api/webhooks/${pendingHook.body.Id}`).expect(204);
    const metrics = await api().get('/metrics').expect(200);
    expect(doc.paths['/metrics'].get.responses['200'].content).toHaveProperty(metrics.headers['content-type'].split(';')[0]);
  });

  it("types a client generated with openapi-typescript so the README's tour type-checks, and a wrong body does not", async () => {
    const fixture = readFileSync(join(ROOT, 'test/fixtures/readme-tour.client.ts'), 'utf8');
    const tour = readmeApiRequests(readmeTour(join(ROOT, 'README.md')));
    expect(tour.map((r) => `${r.method} ${r.path}`)).toEqual([
      'post /api/webhooks',
      'post /api/events',
      'get /api/deliveries',
      'post /api/deliveries/resend',
      'post /api/reset',
    ]);
    // Every request body the README shows, as written there, typed by its operation.
    const withBodies = readmeApiRequests(readFileSync(join(ROOT, 'README.md'), 'utf8')).filter((r) => r.body !== undefined);
    expect(withBodies.length).toBeGreaterThanOrEqual(6);
    const readmeBodies = [
      "import type { Body } from './readme-tour.client';",
      ...withBodies.map((r, i) => {
        const template = pathTemplate(doc, r.method, r.path);
        if (!template) throw new Error(`the README's ${r.method} ${r.path} is not in the document`);
        return `export const step${i}: Body<'${template}', '${r.method}'> = ${JSON.stringify(r.body)};`;
      }),
    ].join('\n');

    const clean = await typeCheckAgainstDocument(doc, { 'readme-tour.client.ts': fixture, 'readme-bodies.ts': readmeBodies });
    expect(clean.diagnostics).toEqual([]);

    // The check can fail: without the @ts-expect-error lines, the four wrong bodies are errors.
    const broken = await typeCheckAgainstDocument(doc, { 'readme-tour.client.ts': fixture.replace(/^\/\/ @ts-expect-error.*$/gm, '//') });
    expect(broken.diagnostics).toHaveLength(4);
    expect(broken.diagnostics.join('\n')).toMatch(/number.*not assignable to type 'string'/);
  });
});
