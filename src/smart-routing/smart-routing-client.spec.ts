import { createServer, type AddressInfo } from 'node:net';
import { HttpsReceiver, type ResponsePlan } from '../../test/support/https-receiver';
import type { RoutingRequestContext } from './routing-instructions';
import type { SmartRoutingCallConfig, SmartRoutingCallRecord } from './smart-routing-call';
import { SmartRoutingClient } from './smart-routing-client';

// A real HTTPS endpoint on 127.0.0.1 with a self-signed certificate; nothing is mocked.
jest.setTimeout(30_000);

const API_KEY = 'k3y-Zq8-secret-1234';
const USERNAME = 'Aladdin';
const PASSWORD = 'open sesame';
// RFC 7617's own example, so the expected header is not computed by the code under test.
const BASIC_TOKEN = 'QWxhZGRpbjpvcGVuIHNlc2FtZQ==';
const SECRETS = [API_KEY, PASSWORD, BASIC_TOKEN];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const context: RoutingRequestContext = {
  queueId: 'cd1258fb-0aae-4159-ba9e-41c57c69c398',
  callId: 'call-1',
  legId: 'leg-1',
  callerNumber: '+358501231234',
  targetNumber: '+4612312345',
  currentUserId: null,
  isInternalCaller: false,
};

const json = (body: unknown, status = 200): ResponsePlan => ({
  status,
  headers: { 'Content-Type': 'application/json; charset=utf-8' },
  body: JSON.stringify(body),
});

/** A port that was just free: nothing listens there, so connecting is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

function expectNoSecrets(record: SmartRoutingCallRecord): void {
  const text = JSON.stringify(record);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe('SmartRoutingClient against a real HTTPS endpoint', () => {
  let receiver: HttpsReceiver;
  const client = new SmartRoutingClient({ allowAnyPort: true });

  const config = (overrides: Partial<SmartRoutingCallConfig> = {}): SmartRoutingCallConfig => ({
    endpoint: receiver.url('/your-path'),
    insecureSsl: true, // the receiver's certificate is self-signed
    auth: { type: 'apiKey', apiKey: API_KEY },
    targetId: 'SALES_QUEUE',
    sendExtraData: false,
    ...overrides,
  });

  beforeAll(async () => {
    receiver = await HttpsReceiver.start();
  });
  afterEach(() => receiver.reset());
  afterAll(() => receiver.close());

  it('sends the documented request with an API key and applies a 200 answer', async () => {
    receiver.respondWith(() => json({ InitialTarget: '+358123456789', Unknown: 1 }));

    const record = await client.requestRouting(config(), context);

    const [req] = await receiver.waitForCount(1, 1_000);
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/your-path');
    expect(req.body).toBe('{"anum":"+358501231234","bnum":"+4612312345","targetid":"SALES_QUEUE"}');
    // Exactly these headers: axios's Accept, Accept-Encoding and User-Agent are not sent.
    expect(Object.keys(req.headers).sort()).toEqual(['connection', 'content-length', 'content-type', 'host', 'x-benemen-apikey']);
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-benemen-apikey']).toBe(API_KEY);

    expect(record.decision).toEqual({ outcome: 'applied', instructions: { InitialTarget: '+358123456789' }, requestId: expect.stringMatching(UUID) });
    expect(record.ignored).toEqual(['Unknown']);
    expect(record.request).toEqual({
      url: receiver.url('/your-path'),
      headers: { 'Content-Type': 'application/json', 'X-Benemen-APIKey': '***' },
      body: { anum: '+358501231234', bnum: '+4612312345', targetid: 'SALES_QUEUE' },
    });
    expect(record.response).toEqual({
      status: 200,
      contentType: 'application/json; charset=utf-8',
      bodyExcerpt: '{"InitialTarget":"+358123456789","Unknown":1}',
    });
    expect(record.latencyMs).toBeGreaterThan(0);
    expectNoSecrets(record);
  });

  it('sends HTTP Basic credentials as base64(username:password)', async () => {
    receiver.respondWith(() => json({ Priority: 10000 }));

    const record = await client.requestRouting(config({ auth: { type: 'basic', username: USERNAME, password: PASSWORD } }), context);

    const [req] = await receiver.waitForCount(1, 1_000);
    expect(req.headers.authorization).toBe(`Basic ${BASIC_TOKEN}`);
    expect(req.headers['x-benemen-apikey']).toBeUndefined();
    expect(record.decision).toMatchObject({ outcome: 'applied', instructions: { Priority: 10000 } });
    expect(record.request?.headers).toEqual({ 'Content-Type': 'application/json', Authorization: 'Basic ***' });
    expectNoSecrets(record);
  });

  it('sends no credentials with auth none, and the queue id when no target id is configured', async () => {
    receiver.respondWith(() => json({ ExtraPriority: 100 }));

    const record = await client.requestRouting(config({ auth: { type: 'none' }, targetId: null }), context);

    const [req] = await receiver.waitForCount(1, 1_000);
    expect(req.headers.authorization).toBeUndefined();
    expect(req.headers['x-benemen-apikey']).toBeUndefined();
    expect(req.json).toEqual({ anum: '+358501231234', bnum: '+4612312345', targetid: context.queueId });
    expect(record.decision).toMatchObject({ outcome: 'applied', instructions: { ExtraPriority: 100 } });
  });

  it('adds extradata with the call and the DYN_* values when enabled', async () => {
    receiver.respondWith(() => ({ status: 204 }));

    await client.requestRouting(config({ sendExtraData: true, dynamicValues: { DYN_CUSTOMER: 'VIP', LANG: 'fi' } }), {
      ...context,
      currentUserId: 'user-7',
      isInternalCaller: true,
    });

    const [req] = await receiver.waitForCount(1, 1_000);
    expect(req.json).toEqual({
      anum: '+358501231234',
      bnum: '+4612312345',
      targetid: 'SALES_QUEUE',
      extradata: {
        CallId: 'call-1',
        LegId: 'leg-1',
        CurrQueueId: context.queueId,
        CurrUserId: 'user-7',
        IsInternalCaller: true,
        DYN_CUSTOMER: 'VIP',
        DYN_LANG: 'fi',
      },
    });
  });

  it('routes by default on 204', async () => {
    receiver.respondWith(() => ({ status: 204 }));

    const record = await client.requestRouting(config(), context);

    expect(record.decision).toEqual({ outcome: 'default-204', requestId: expect.stringMatching(UUID) });
    expect(record.response).toEqual({ status: 204, contentType: null, bodyExcerpt: '' });
    expect(record.ignored).toEqual([]);
  });

  it('routes by default on a 200 with the wrong content type', async () => {
    receiver.respondWith(() => ({ status: 200, headers: { 'Content-Type': 'text/plain' }, body: '{"InitialTarget":"Q1"}' }));

    const record = await client.requestRouting(config(), context);

    expect(record.decision).toMatchObject({ outcome: 'default-error', reason: 'Content-Type "text/plain" is not application/json' });
    expect(record.response).toMatchObject({ status: 200, contentType: 'text/plain', bodyExcerpt: '{"InitialTarget":"Q1"}' });
  });

  it('routes by default on a 500, and does not follow a redirect', async () => {
    receiver.respondWith((_req, index) => (index === 0 ? json({ error: 'boom' }, 500) : { status: 302, headers: { Location: receiver.url('/elsewhere') } }));

    const failed = await client.requestRouting(config(), context);
    const redirected = await client.requestRouting(config(), context);

    expect(failed.decision).toMatchObject({ outcome: 'default-error', reason: 'HTTP 500' });
    expect(redirected.decision).toMatchObject({ outcome: 'default-error', reason: 'HTTP 302' });
    expect(receiver.count).toBe(2);
  });

  it('gives up after timeoutMs when the endpoint hangs', async () => {
    receiver.respondWith(() => ({ hang: true }));

    const record = await client.requestRouting(config({ timeoutMs: 300 }), context);

    expect(record.decision).toMatchObject({ outcome: 'default-error', reason: 'time-out: no answer within 300 ms' });
    expect(record.response).toBeNull();
    expect(record.latencyMs).toBeGreaterThanOrEqual(290);
    expect(record.latencyMs).toBeLessThan(2_000);
    expect(receiver.count).toBe(1);
    expectNoSecrets(record);
  });

  it('refuses a self-signed certificate unless insecureSsl, and then nothing reaches the endpoint', async () => {
    receiver.respondWith(() => json({ InitialTarget: 'Q1' }));

    const record = await client.requestRouting(config({ insecureSsl: false }), context);

    expect(record.decision.outcome).toBe('default-error');
    expect(record.decision.outcome === 'default-error' && record.decision.reason).toMatch(
      /^TLS failure: self[- ]signed certificate \(DEPTH_ZERO_SELF_SIGNED_CERT\)$/,
    );
    expect(record.response).toBeNull();
    expect(receiver.count).toBe(0);
    expectNoSecrets(record);

    const insecure = await client.requestRouting(config({ insecureSsl: true }), context);
    expect(insecure.decision).toMatchObject({ outcome: 'applied', instructions: { InitialTarget: 'Q1' } });
    expect(receiver.count).toBe(1);
  });

  it('routes by default when the connection is refused or closed without an answer', async () => {
    const refused = await client.requestRouting(config({ endpoint: `https://127.0.0.1:${await closedPort()}/x` }), context);
    expect(refused.decision).toMatchObject({
      outcome: 'default-error',
      reason: expect.stringMatching(/^connection refused: connect ECONNREFUSED 127\.0\.0\.1:\d+$/),
    });

    receiver.respondWith(() => ({ destroy: true }));
    const closed = await client.requestRouting(config(), context);
    expect(closed.decision).toMatchObject({ outcome: 'default-error', reason: expect.stringMatching(/^connection closed without an answer: /) });
  });

  it('does not read an answer beyond 64 KiB', async () => {
    receiver.respondWith(() => json({ CustomTTS: 'x'.repeat(70_000) }));

    const record = await client.requestRouting(config(), context);

    expect(record.decision).toMatchObject({ outcome: 'default-error', reason: 'response body larger than 65536 bytes: not read' });
  });

  it('keeps only the first 2 KiB of the answer in the record', async () => {
    receiver.respondWith(() => json({ CustomTTS: 'ä'.repeat(3_000) }));

    const record = await client.requestRouting(config(), context);

    expect(record.decision).toMatchObject({ outcome: 'applied' });
    expect(Buffer.byteLength(record.response?.bodyExcerpt ?? '')).toBeLessThanOrEqual(2_048);
    expect(record.response?.bodyExcerpt).toMatch(/^\{"CustomTTS":"ä+$/);
  });

  it('checks the URL rules before sending anything', async () => {
    const plain = await client.requestRouting(config({ endpoint: `http://127.0.0.1:${receiver.port}/x` }), context);
    const strict = await new SmartRoutingClient({ allowAnyPort: false }).requestRouting(config(), context);

    expect(plain).toEqual({
      decision: {
        outcome: 'default-error',
        reason: 'endpoint URL must use https:// (got http://): plain HTTP is not allowed',
        requestId: expect.stringMatching(UUID),
      },
      request: null,
      response: null,
      latencyMs: 0,
      ignored: [],
    });
    expect(strict.decision).toMatchObject({ outcome: 'default-error', reason: expect.stringContaining('must use the default HTTPS port 443') });
    expect(receiver.count).toBe(0);
  });

  it('keeps credentials out of the record even when the endpoint echoes them', async () => {
    // An endpoint that reflects what it received, in its body and in an unknown property name.
    receiver.respondWith((req) =>
      json({ InitialTarget: 'Q1', Echo: req.headers, [req.headers['x-benemen-apikey'] ?? req.headers.authorization ?? 'none']: 1 }),
    );
    const apiKey = await client.requestRouting(config(), context);
    const basic = await client.requestRouting(config({ auth: { type: 'basic', username: USERNAME, password: PASSWORD } }), context);
    receiver.respondWith((req) => json({ error: `bad key ${req.headers['x-benemen-apikey']}` }, 401));
    const refused = await client.requestRouting(config(), context);

    expect(apiKey.decision.outcome).toBe('applied');
    expect(apiKey.ignored).toEqual(['Echo', '***']);
    expect(basic.ignored).toEqual(['Echo', 'Basic ***']);
    expect(refused.response?.bodyExcerpt).toBe('{"error":"bad key ***"}');
    for (const record of [apiKey, basic, refused]) expectNoSecrets(record);
  });
});
