import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { gzipSync } from 'node:zlib';
import { Client } from 'pg';
import { HttpsReceiver } from './support/https-receiver';
import { adminApi } from './support/api';
import { rawRequest } from './support/raw-http';
import { receiverUrl } from './support/receiver-host';
import { startTestApp, type TestApp } from './support/test-app';

const JSON_TYPE = { 'content-type': 'application/json' };
const body = (value: unknown) => Buffer.from(JSON.stringify(value));

describe('admin API: safe by default (no ADMIN_API_KEY)', () => {
  let app: TestApp;
  let receiver: HttpsReceiver;
  let h: ReturnType<typeof adminApi>;

  beforeAll(async () => {
    receiver = await HttpsReceiver.start({ port: 443 });
    app = await startTestApp({ DEMO_ORGANIZATION: 'true', RETRY_SCHEDULE: '100ms', RETRY_JITTER: '0' });
    h = adminApi(app);
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  it('refuses a cross-site form post (CSRF) and a foreign Origin, and accepts the same origin', async () => {
    const form = await rawRequest(app.url!, 'POST', '/api/webhooks', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from('Webhook[Endpoint]=https://evil.example/'),
    });
    expect(form.status).toBe(415);
    expect(JSON.parse(form.text).message[0]).toMatch(/Content-Type must be application\/json/);

    const host = new URL(app.url!).host;
    const foreign = await rawRequest(app.url!, 'POST', '/api/call-lists', {
      headers: { ...JSON_TYPE, origin: 'https://evil.example' },
      body: body({ Name: 'From a web page' }),
    });
    expect(foreign.status).toBe(403);
    expect(JSON.parse(foreign.text)).toMatchObject({
      statusCode: 403,
      error: 'Forbidden',
      message: [expect.stringMatching(/Origin "https:\/\/evil.example" is another site/)],
    });

    const same = await rawRequest(app.url!, 'POST', '/api/call-lists', {
      headers: { ...JSON_TYPE, origin: `http://${host}` },
      body: body({ Name: 'From the console' }),
    });
    expect(same.status).toBe(201);
    const lists = (await h.api().get('/api/call-lists').expect(200)).body as { Name: string }[];
    expect(lists.map((l) => l.Name)).not.toContain('From a web page');
  });

  it('refuses a foreign Host (DNS rebinding) and serves localhost', async () => {
    const port = new URL(app.url!).port;
    const rebound = await rawRequest(app.url!, 'GET', '/api/webhooks', { headers: { host: `attacker.example:${port}` } });
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.text).message[0]).toMatch(/Host "attacker.example:\d+" is not this server/);
    expect((await rawRequest(app.url!, 'GET', '/api/webhooks', { headers: { host: `localhost:${port}` } })).status).toBe(200);
  });

  it('redacts a receiver echo of X-Benemen-Token from the delivery log, in PostgreSQL and in every answer', async () => {
    const secret = 'Echoed-Secret-4711';
    receiver.respondWith((req) => ({
      status: req.path === '/echo' ? 500 : 200,
      headers: { 'X-Echo-Token': req.headers['x-benemen-token'] ?? '' },
      body: JSON.stringify({ youSent: req.headers }),
    }));
    const webhook = await h.createWebhook({ Endpoint: receiverUrl('/echo'), InsecureSSL: true, Secret: secret }, [
      { EventType: 'UserStatus', AllEntities: true },
    ]);
    const emitted = await h.emit({ EventType: 'UserStatus' });
    const deliveryId = emitted.Deliveries.find((d) => d.WebhookId === webhook.Id)!.Id;
    await receiver.waitFor((r) => r.requests.filter((x) => x.path === '/echo').length >= 1, 10_000);
    expect(receiver.requests.find((x) => x.path === '/echo')!.headers['x-benemen-token']).toBe(secret);

    const shown = await h.waitForDelivery(deliveryId, (d) => d.AttemptLog.length >= 1 && d.Status !== 'pending');
    const resent = await h.api().post(`/api/deliveries/${deliveryId}/resend`).expect(200);
    for (const answer of [shown, resent.body]) {
      const text = JSON.stringify(answer);
      expect(text).not.toContain(secret);
      expect(text).toContain('***');
    }

    const client = new Client({ connectionString: app.infra.databaseUrl });
    await client.connect();
    const stored = await client.query(
      'SELECT response_headers::text AS h, response_body_excerpt AS b, error_message AS e FROM delivery_attempts WHERE delivery_id = $1',
      [deliveryId],
    );
    await client.end();
    expect(stored.rows.length).toBeGreaterThanOrEqual(2);
    for (const row of stored.rows) {
      expect(`${row.h} ${row.b} ${row.e}`).not.toContain(secret);
      expect(row.h).toContain('***');
    }
  });

  it('refuses a webhook Secret with CR/LF (header injection) when it is configured, naming the field', async () => {
    const created = await rawRequest(app.url!, 'POST', '/api/webhooks', {
      headers: JSON_TYPE,
      body: body({ Webhook: { Endpoint: receiverUrl('/crlf'), Secret: 's\r\nX-Evil: 1' }, Subscriptions: [{ EventType: 'UserStatus', AllEntities: true }] }),
    });
    expect(created.status).toBe(400);
    expect(JSON.parse(created.text).message).toEqual([expect.stringMatching(/^Webhook\.Secret is sent as an HTTP header value and must not contain CR, LF/)]);

    const w = await h.createWebhook({ Endpoint: receiverUrl('/crlf'), InsecureSSL: true }, [{ EventType: 'UserStatus', AllEntities: true }]);
    const patched = await rawRequest(app.url!, 'PATCH', `/api/webhooks/${w.Id}`, { headers: JSON_TYPE, body: body({ Secret: 'a\nb' }) });
    expect(patched.status).toBe(400);
  });

  it('answers the reproductions of the issue with 4xx naming field and value', async () => {
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const deepAnswer = await rawRequest(app.url!, 'POST', '/api/users', { headers: JSON_TYPE, body: Buffer.from(deep) });
    expect(deepAnswer.status).toBe(400);
    expect(JSON.parse(deepAnswer.text).message).toEqual(['the JSON body nests deeper than 32 levels']);

    const nul = await rawRequest(app.url!, 'POST', '/api/call-lists', { headers: JSON_TYPE, body: Buffer.from('{"Name":"L\\u0000"}') });
    expect(nul.status).toBe(400);
    expect(JSON.parse(nul.text).message).toEqual(['Name must not contain NUL (\\u0000) characters, got "L\\u0000"']);

    const offset = await rawRequest(app.url!, 'GET', '/api/events?offset=1e20');
    expect(offset.status).toBe(400);
    expect(JSON.parse(offset.text).message).toEqual(['offset must be a whole number from 0 to 10000 (deeper pages: use cursor), got "1e20"']);

    const date = await rawRequest(app.url!, 'GET', '/api/deliveries?from=2021-02-29');
    expect(date.status).toBe(400);
    expect(JSON.parse(date.text).message).toEqual(['from is not a real date: February 2021 has 28 days, got "2021-02-29"']);

    const getBody = await rawRequest(app.url!, 'GET', '/api/webhooks', { headers: JSON_TYPE, body: Buffer.alloc(1024 * 1024 + 10, 0x20) });
    expect(getBody.status).toBe(413);

    expect((await rawRequest(app.url!, 'GET', '/api/webhooks')).headers['x-powered-by']).toBeUndefined();
  });

  it('refuses keys every object has (constructor, toString) instead of dropping them, and numbers beyond a double', async () => {
    const inherited = 'is not allowed (every object has a property of that name)';
    const webhook = await rawRequest(app.url!, 'POST', '/api/webhooks', {
      headers: JSON_TYPE,
      body: body({
        Webhook: { Endpoint: receiverUrl('/inherited'), Headers: { 'X-Tenant': 'acme', constructor: 'x' } },
        Subscriptions: [{ EventType: 'UserStatus', AllEntities: true }],
      }),
    });
    expect(webhook.status).toBe(400);
    expect(JSON.parse(webhook.text).message).toEqual([`property name "constructor" in Webhook.Headers ${inherited}`]);
    const stored = (await h.api().get('/api/webhooks').expect(200)).body as { Webhook: { Endpoint: string } }[];
    expect(stored.map((w) => w.Webhook.Endpoint)).not.toContain(receiverUrl('/inherited'));

    const queue = ((await h.api().get('/api/queues').expect(200)).body as { Id: string }[])[0];
    const patched = await rawRequest(app.url!, 'PATCH', `/api/queues/${queue.Id}`, { headers: JSON_TYPE, body: body({ toString: 'x' }) });
    expect(patched.status).toBe(400);
    expect(JSON.parse(patched.text).message).toEqual([`property name "toString" ${inherited}`]);

    const query = await rawRequest(app.url!, 'GET', '/api/events?constructor=1');
    expect(query.status).toBe(400);
    expect(JSON.parse(query.text).message).toEqual([`query "constructor" ${inherited}`]);

    const huge = await rawRequest(app.url!, 'PATCH', `/api/queues/${queue.Id}`, { headers: JSON_TYPE, body: Buffer.from('{"Priority":1e400}') });
    expect(huge.status).toBe(400);
    expect(JSON.parse(huge.text).message).toEqual(['Priority is a number beyond the range of a double (about ±1.8e308)']);
  });

  it('refuses a query parameter on an admin route that reads none, instead of answering as if it had paged', async () => {
    const users = await rawRequest(app.url!, 'GET', '/api/users?limit=0');
    expect(users.status).toBe(400);
    expect(JSON.parse(users.text)).toEqual({ statusCode: 400, error: 'Bad Request', message: ['this route takes no query parameters (got limit)'] });
    const webhooks = await rawRequest(app.url!, 'GET', '/api/webhooks?limit=1&limit=2&offset=5');
    expect(JSON.parse(webhooks.text).message).toEqual(['this route takes no query parameters (got limit, offset)']);
    expect((await rawRequest(app.url!, 'DELETE', `/api/webhooks/${randomUUID()}?force=true`)).status).toBe(400);

    // Routes that take a query still check it themselves; the console's files and /health take any.
    expect(JSON.parse((await rawRequest(app.url!, 'GET', '/api/scenarios?limit=0')).text).message).toEqual([
      'limit must be a whole number from 1 to 1000, got 0',
    ]);
    expect((await rawRequest(app.url!, 'GET', '/api/scenarios?limit=2')).status).toBe(200);
    expect((await rawRequest(app.url!, 'GET', '/?v=2')).status).toBe(200);
    expect((await rawRequest(app.url!, 'GET', '/health?probe=1')).status).toBe(200);
  });

  it("answers requests Node's HTTP parser refuses (unknown method, bad header line, huge headers) in the one error shape", async () => {
    const shaped = (text: string) => JSON.parse(text) as { statusCode: number; error: string; message: string[] };
    const method = await rawRequest(app.url!, 'FOO', '/api/webhooks');
    expect(method.status).toBe(400);
    expect(shaped(method.text)).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: ['unknown HTTP method: the admin API answers GET, HEAD, POST, PUT, PATCH and DELETE'],
    });

    const headers = await rawRequest(app.url!, 'GET', '/api/webhooks', { headers: { 'x-padding': 'x'.repeat(20_000) } });
    expect(headers.status).toBe(431);
    expect(shaped(headers.text).message).toEqual(['the request headers are too large']);

    // A header line without a colon cannot be sent through node:http, so it goes over a plain socket.
    const { port } = new URL(app.url!);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.end('GET /api/webhooks HTTP/1.1\r\nHost: localhost\r\nnot a header\r\n\r\n'));
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(shaped(answer.slice(answer.indexOf('\r\n\r\n') + 4)).message).toEqual([expect.stringMatching(/^the request is not valid HTTP\/1\.1 \(HPE_/)]);
  });

  it('creates a webhook with the most subscriptions a body may name (1,000 AllEventTypes: 34,000 rows) in seconds', async () => {
    const subscriptions = Array.from({ length: 1000 }, () => ({ AllEventTypes: true, EntityId: randomUUID() }));
    const started = Date.now();
    const created = await rawRequest(app.url!, 'POST', '/api/webhooks', {
      headers: JSON_TYPE,
      body: body({ Webhook: { Endpoint: receiverUrl('/many'), IsActive: false }, Subscriptions: subscriptions }),
      timeoutMs: 60_000,
    });
    // One INSERT per row took 38 s here, holding a transaction and a pooled connection all along.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(created.status).toBe(201);
    const id = (JSON.parse(created.text) as { Id: string }).Id;
    const stored = (await h.api().get(`/api/webhooks/${id}/subscriptions`).expect(200)).body as unknown[];
    expect(stored).toHaveLength(34_000);
    await h.api().delete(`/api/webhooks/${id}`).expect(204);
  });

  it('refuses null for a field that may be left out but has no null value, instead of a 500', async () => {
    const subscriptions = [{ EventType: 'UserStatus', AllEntities: true }];
    const created = await h
      .api()
      .post('/api/webhooks')
      .send({ Webhook: { Endpoint: receiverUrl('/nulls'), IsActive: null }, Subscriptions: subscriptions });
    expect(created.status).toBe(400);
    expect(created.body.message).toEqual(['Webhook.IsActive must be a boolean value, got null']);

    const webhook = await h.createWebhook({ Endpoint: receiverUrl('/nulls') }, subscriptions);
    const patched = await h.api().patch(`/api/webhooks/${webhook.Id}`).send({ InsecureSSL: null });
    expect(patched.status).toBe(400);
    expect(patched.body.message).toEqual(['InsecureSSL must be a boolean value, got null']);
    // null where null means something is still taken: it removes the secret.
    await h.api().patch(`/api/webhooks/${webhook.Id}`).send({ Secret: null }).expect(200);

    const queue = ((await h.api().get('/api/queues').expect(200)).body as { Id: string }[])[0];
    const call = await h.api().post('/api/calls').send({ Type: 'queue', Queue: queue.Id, Script: null });
    expect(call.status).toBe(400);
    expect(call.body.message).toContain('Script must be an object, got null');
    await h.api().delete(`/api/webhooks/${webhook.Id}`).expect(204);
  });

  it('refuses a compressed body with 415 naming its Content-Encoding, rather than reading it as text', async () => {
    const gzipped = await rawRequest(app.url!, 'POST', '/api/call-lists', {
      headers: { ...JSON_TYPE, 'content-encoding': 'gzip' },
      body: gzipSync(body({ Name: 'Compressed' })),
    });
    expect(gzipped.status).toBe(415);
    expect(JSON.parse(gzipped.text).message).toEqual(['Content-Encoding "gzip" is not accepted; send the JSON uncompressed']);
    // Plain JSON labelled br was stored as if the label were not there.
    const mislabelled = await rawRequest(app.url!, 'POST', '/api/call-lists', {
      headers: { ...JSON_TYPE, 'content-encoding': 'br' },
      body: body({ Name: 'Labelled br' }),
    });
    expect(mislabelled.status).toBe(415);
    const names = ((await h.api().get('/api/call-lists').expect(200)).body as { Name: string }[]).map((l) => l.Name);
    expect(names).not.toContain('Labelled br');
  });

  it('refuses a list or an object with more than 1,000 entries at once, without validating each (no 500, no stall)', async () => {
    const post = (path: string, value: unknown) => rawRequest(app.url!, 'POST', path, { headers: JSON_TYPE, body: body(value) });
    const started = Date.now();
    const queue = await post('/api/queues', { Name: 'Crowded', Number: '+358109990001', AttachedUsers: Array.from({ length: 300_000 }, () => ({})) });
    expect(queue.status).toBe(400);
    // Before: 6 s of validation on the event loop and a 20 MB answer of 300,000 messages.
    expect(JSON.parse(queue.text).message).toEqual(['AttachedUsers has 300000 items; at most 1000 are accepted']);

    const landis = await post('/api/webhooks', {
      Platform: 'landis',
      Webhook: { Endpoint: receiverUrl('/crowded'), WebhookEvents: Array.from({ length: 200_000 }, () => 'x') },
    });
    expect(landis.status).toBe(400); // was a 500: the call stack overflowed listing the problems
    expect(JSON.parse(landis.text).message).toEqual(['Webhook.WebhookEvents has 200000 items; at most 1000 are accepted']);

    const headers = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`X-H${i}`, '']));
    const webhook = await post('/api/webhooks', { Webhook: { Endpoint: receiverUrl('/crowded'), Headers: headers }, Subscriptions: [] });
    expect(webhook.status).toBe(400); // was stored, with every delivery to carry 60,000 headers
    expect(JSON.parse(webhook.text).message).toEqual(['Webhook.Headers has 60000 properties; at most 1000 are accepted']);
    expect(Date.now() - started).toBeLessThan(5000);
    const endpoints = ((await h.api().get('/api/webhooks').expect(200)).body as { Webhook: { Endpoint: string } }[]).map((w) => w.Webhook.Endpoint);
    expect(endpoints).not.toContain(receiverUrl('/crowded'));
  });

  it('keeps user names unique regardless of case, and numbers unique, on create and rename', async () => {
    const anna = (await h.api().post('/api/users').send({ UserName: 'case.anna@demo.example', Number: '+358407770001' }).expect(201)).body as { Id: string };
    const bert = (await h.api().post('/api/users').send({ UserName: 'case.bert@demo.example', Number: '+358407770002' }).expect(201)).body as { Id: string };
    const twin = await h.api().post('/api/users').send({ UserName: 'CASE.Anna@demo.example', Number: '+358407770003' }).expect(409);
    expect(twin.body.message).toEqual(['UserName: a user named CASE.Anna@demo.example exists already (names are compared regardless of case)']);
    await h.api().patch(`/api/users/${anna.Id}`).send({ UserName: 'Case.Anna@demo.example', Number: '+358407770001' }).expect(200);
    await h.api().patch(`/api/users/${bert.Id}`).send({ UserName: 'case.anna@DEMO.example' }).expect(409);
    const number = await h.api().patch(`/api/users/${bert.Id}`).send({ Number: '+358407770001' }).expect(409);
    expect(number.body.message).toEqual(['Number: a user with number +358407770001 exists already']);
  });

  it('refuses to delete a call list or a queue that another queue overflows to, with 409', async () => {
    const list = (await h.api().post('/api/call-lists').send({ Name: 'Overflow list' }).expect(201)).body as { Id: string };
    const spare = (await h.api().post('/api/queues').send({ Name: 'Spare', Number: '+358105550001' }).expect(201)).body as { Id: string };
    const queue = (
      await h
        .api()
        .post('/api/queues')
        .send({ Name: 'Busy', Number: '+358105550002', OverflowTarget: { Kind: 'callList', Target: list.Id } })
        .expect(201)
    ).body as { Id: string };
    await h
      .api()
      .post('/api/queues')
      .send({ Name: 'Busier', Number: '+358105550003', OverflowTarget: { Kind: 'queue', Target: spare.Id } })
      .expect(201);

    const refused = await h.api().delete(`/api/call-lists/${list.Id}`).expect(409);
    expect(refused.body.message[0]).toMatch(new RegExp(`callList ${list.Id} is the OverflowTarget of queue "Busy"`));
    await h.api().delete(`/api/queues/${spare.Id}`).expect(409);
    const sameNumber = await h.api().post('/api/queues').send({ Name: 'Twin', Number: '+358105550002' }).expect(409);
    expect(sameNumber.body.message).toEqual(['Number: a queue with number +358105550002 exists already']);

    await h.api().patch(`/api/queues/${queue.Id}`).send({ OverflowTarget: null }).expect(200);
    await h.api().delete(`/api/call-lists/${list.Id}`).expect(204);
    await h.api().post('/api/simulation/reset').send({ Paused: true }).expect(200);
  });
});

describe('ALLOWED_ENDPOINT_HOSTS', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ ALLOWED_ENDPOINT_HOSTS: '*.hooks.example,10.1.0.0/16' });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('takes endpoints only on the listed hosts', async () => {
    const h = adminApi(app);
    const subscriptions = [{ EventType: 'UserStatus', AllEntities: true }];
    await h
      .api()
      .post('/api/webhooks')
      .send({ Webhook: { Endpoint: 'https://team.hooks.example/in' }, Subscriptions: subscriptions })
      .expect(201);
    await h
      .api()
      .post('/api/webhooks')
      .send({ Webhook: { Endpoint: 'https://10.1.2.3/in' }, Subscriptions: subscriptions })
      .expect(201);
    const refused = await h
      .api()
      .post('/api/webhooks')
      .send({ Webhook: { Endpoint: 'https://169.254.169.254/latest' }, Subscriptions: subscriptions })
      .expect(400);
    expect(refused.body.message[0]).toMatch(/host "169.254.169.254" is not in ALLOWED_ENDPOINT_HOSTS/);
  });
});
