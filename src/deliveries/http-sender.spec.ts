import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpsServer, type Server } from 'node:https';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HttpsReceiver } from '../../test/support/https-receiver';
import { makeSelfSignedCert } from '../../test/support/self-signed-cert';
import { classifyError, HttpSender, type AttemptResult, type SendRequest } from './http-sender';

// Real sockets and a real TLS handshake on 127.0.0.1; nothing is mocked.
jest.setTimeout(30_000);

const listen = (server: Server | ReturnType<typeof createNetServer>): Promise<number> =>
  new Promise((done) => server.listen(0, '127.0.0.1', () => done((server.address() as AddressInfo).port)));

/** A port that was just free: nothing listens there, so connecting is refused. */
async function closedPort(): Promise<number> {
  const server = createNetServer();
  const port = await listen(server);
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** One attempt to a local test server that misbehaves, with the given deadline. */
const sendWithDeadline = (sender: HttpSender, port: number, timeoutMs: number): Promise<AttemptResult> =>
  sender.send({ url: `https://127.0.0.1:${port}/webhook`, body: '{}', headers: {}, insecureSsl: true, timeoutMs });

describe('HttpSender', () => {
  let receiver: HttpsReceiver;
  let sender: HttpSender;

  const post = (overrides: Partial<SendRequest> = {}): Promise<AttemptResult> =>
    sender.send({
      url: receiver.url(),
      body: '{"Id":"a"}',
      headers: { 'Content-Type': 'application/json; charset=utf-8' },
      insecureSsl: true, // the receiver's certificate is self-signed
      timeoutMs: 5_000,
      ...overrides,
    });

  beforeAll(async () => {
    receiver = await HttpsReceiver.start();
    sender = new HttpSender();
  });
  afterEach(() => receiver.reset());
  afterAll(async () => {
    await sender.close();
    await receiver.close();
  });

  it('delivers the exact bytes and headers, and 200 counts as delivered', async () => {
    const body = '{"Id":"5d1c","EventType":"UserStatus","Note":"Hyvää päivää ✓"}';
    const result = await post({
      url: receiver.url('/hooks/enreach?x=1'),
      body,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'X-Benemen-Event': 'UserStatus',
        'X-Benemen-Token': 's3cret',
      },
    });

    expect(result).toMatchObject({ outcome: 'delivered', statusCode: 200, errorMessage: null, responseBodyBytes: 0 });
    expect(result.responseBodyExcerpt).toBeNull();
    expect(result.responseHeaders).toEqual(expect.objectContaining({ 'content-length': '0' }));
    expect(result.endedAt.getTime()).toBeGreaterThanOrEqual(result.startedAt.getTime());
    expect(result.durationMs).toBeGreaterThan(0);

    const [req] = await receiver.waitForCount(1, 1_000);
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/hooks/enreach?x=1');
    expect(req.body).toBe(body);
    expect(req.json).toEqual(JSON.parse(body));
    expect(req.headers).toEqual(
      expect.objectContaining({
        'content-type': 'application/json; charset=utf-8',
        'x-benemen-event': 'UserStatus',
        'x-benemen-token': 's3cret',
        'content-length': String(Buffer.byteLength(body)),
        host: new URL(receiver.url()).host,
      }),
    );
  });

  it.each([201, 204, 500])('reports status %i as http_status, not delivered', async (status) => {
    receiver.respondWith(() => ({ status, body: status === 204 ? '' : 'nope' }));
    const result = await post();
    expect(result).toMatchObject({ outcome: 'http_status', statusCode: status, errorMessage: null });
    expect(result.responseBodyExcerpt).toBe(status === 204 ? null : 'nope');
    expect(result.responseBodyBytes).toBe(status === 204 ? 0 : 4);
  });

  it('does not follow a redirect: 302 is an http_status and the receiver sees one request', async () => {
    receiver.respondWith(() => ({ status: 302, headers: { Location: receiver.url('/elsewhere') } }));
    const result = await post();
    expect(result).toMatchObject({ outcome: 'http_status', statusCode: 302 });
    expect(result.responseHeaders?.location).toBe(receiver.url('/elsewhere'));
    await new Promise((r) => setTimeout(r, 100));
    expect(receiver.count).toBe(1);
    expect(receiver.requests[0].path).toBe('/webhook');
  });

  it('ends a receiver that never answers as a timeout, at timeoutMs', async () => {
    receiver.respondWith(() => ({ hang: true }));
    const result = await post({ timeoutMs: 300 });
    expect(result.outcome).toBe('timeout');
    expect(result.statusCode).toBeNull();
    expect(result.errorMessage).toMatch(/300 ms/);
    expect(result.durationMs).toBeGreaterThanOrEqual(290);
    expect(result.durationMs).toBeLessThan(1_000);
  });

  it('reads at most 64 KiB of a large body and keeps a 4 KiB excerpt', async () => {
    receiver.respondWith(() => ({ status: 500, body: 'x'.repeat(200 * 1024) }));
    const result = await post();
    expect(result.outcome).toBe('http_status');
    expect(result.responseBodyBytes).toBe(65_536);
    expect(result.responseBodyExcerpt).toHaveLength(4_096);
    // The socket was dropped mid-body; the next attempt still works.
    receiver.reset();
    expect((await post()).outcome).toBe('delivered');
  });

  it('does not cut a multi-byte character in the excerpt', async () => {
    receiver.respondWith(() => ({ body: 'a' + 'é'.repeat(5_000) })); // 'é' is 2 bytes in UTF-8
    const result = await post();
    expect(result.outcome).toBe('delivered');
    expect(result.responseBodyExcerpt).toBe('a' + 'é'.repeat(2_047));
    expect(result.responseBodyBytes).toBe(10_001);
  });

  it('masks a secret that starts inside the excerpt before cutting it, not after', async () => {
    receiver.respondWith(() => ({ status: 500, body: `${'é'.repeat(2_045)}s3cret-token and more` })); // the cut at 4 KiB falls in the token
    const result = await post({ secrets: ['s3cret-token'] });
    expect(result.responseBodyExcerpt).toBe(`${'é'.repeat(2_045)}*** an`);
  });

  it('drops NUL characters from the excerpt (PostgreSQL text cannot store them)', async () => {
    receiver.respondWith(() => ({ status: 500, body: 'bin\u0000ary\u0000' }));
    const result = await post();
    expect(result.responseBodyExcerpt).toBe('binary');
    expect(result.responseBodyBytes).toBe(8);
  });

  it('reports a socket closed without an answer as connection_reset', async () => {
    receiver.respondWith(() => ({ destroy: true }));
    const result = await post();
    expect(result.outcome).toBe('connection_reset');
    expect(result.statusCode).toBeNull();
    expect(result.errorMessage).toBeTruthy();
  });

  it('reports a closed port as connection_refused', async () => {
    const port = await closedPort();
    const result = await post({ url: `https://127.0.0.1:${port}/webhook` });
    expect(result.outcome).toBe('connection_refused');
    expect(result.errorMessage).toMatch(/ECONNREFUSED/);
  });

  it('reports a name that cannot resolve as dns', async () => {
    const result = await post({ url: 'https://no-such-host.invalid/webhook', timeoutMs: 10_000 });
    expect(result.outcome).toBe('dns');
    expect(result.errorMessage).toMatch(/no-such-host\.invalid/);
  });

  it('refuses a self-signed certificate unless insecureSsl, and then nothing reaches the receiver', async () => {
    const result = await post({ insecureSsl: false });
    expect(result.outcome).toBe('tls');
    expect(result.statusCode).toBeNull();
    expect(result.errorMessage).toMatch(/self-signed/);
    await new Promise((r) => setTimeout(r, 50));
    expect(receiver.count).toBe(0);

    const insecure = await post({ insecureSsl: true });
    expect(insecure.outcome).toBe('delivered');
    expect(receiver.count).toBe(1);
  });

  it('never throws, even for a URL it cannot parse', async () => {
    const result = await post({ url: 'not a url' });
    expect(result.outcome).toBe('connection_reset');
    expect(result.errorMessage).toMatch(/Invalid URL/);
  });

  it('keeps connections alive: 20 sequential sends reuse a socket', async () => {
    const own = await HttpsReceiver.start();
    const ownSender = new HttpSender();
    let tcp = 0;
    let tls = 0;
    own.server.on('connection', () => tcp++);
    own.server.on('secureConnection', () => tls++);
    try {
      for (let i = 0; i < 20; i++) {
        const result = await ownSender.send({
          url: own.url(),
          body: `{"Id":"${i}"}`,
          headers: {},
          insecureSsl: true,
          timeoutMs: 5_000,
        });
        expect(result.outcome).toBe('delivered');
      }
      expect(own.count).toBe(20);
      expect(tcp).toBeLessThanOrEqual(2);
      expect(tls).toBeLessThanOrEqual(2);
    } finally {
      await ownSender.close();
      await own.close();
    }
  });
});

describe('HttpSender timeouts while the body is still arriving', () => {
  let server: Server;
  let port: number;

  beforeAll(async () => {
    server = createHttpsServer(makeSelfSignedCert(), (_req, res) => {
      // Headers and a first chunk, then silence: the attempt deadline must still apply.
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('partial');
    });
    port = await listen(server);
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((done) => server.close(() => done()));
  });

  it('reports a stalled body as a timeout, keeping the status it saw', async () => {
    const sender = new HttpSender();
    try {
      const result = await sendWithDeadline(sender, port, 300);
      expect(result.outcome).toBe('timeout');
      expect(result.statusCode).toBe(200);
      expect(result.durationMs).toBeGreaterThanOrEqual(290);
      expect(result.durationMs).toBeLessThan(1_000);
    } finally {
      await sender.close();
    }
  });
});

describe('HttpSender timeouts before a connection is usable', () => {
  // Accepts TCP but never speaks TLS: the attempt is stuck in the handshake.
  const sockets = new Set<import('node:net').Socket>();
  const silent = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  let port: number;

  beforeAll(async () => {
    port = await listen(silent);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((done) => silent.close(() => done()));
  });

  it('ends an attempt stuck in the TLS handshake at timeoutMs', async () => {
    const sender = new HttpSender();
    try {
      const result = await sendWithDeadline(sender, port, 300);
      expect(result.outcome).toBe('timeout');
      expect(result.durationMs).toBeGreaterThanOrEqual(290);
      expect(result.durationMs).toBeLessThan(1_000);
    } finally {
      // The abandoned handshake must not hold close() until undici's connect timeout.
      const t0 = Date.now();
      await sender.close();
      expect(Date.now() - t0).toBeLessThan(1_000);
    }
  });

  it('ends an attempt queued behind a busy connection at timeoutMs, and it is never sent', async () => {
    const receiver = await HttpsReceiver.start();
    const sender = new HttpSender({ connectionsPerOrigin: 1 });
    receiver.respondWith(() => ({ hang: true }));
    const attempt = (timeoutMs: number): Promise<AttemptResult> => sender.send({ url: receiver.url(), body: '{}', headers: {}, insecureSsl: true, timeoutMs });
    try {
      const blocker = attempt(1_000);
      await receiver.waitForCount(1, 2_000);
      const queued = await attempt(300);
      expect(queued.outcome).toBe('timeout');
      expect(queued.durationMs).toBeLessThan(1_000);
      expect((await blocker).outcome).toBe('timeout');
      await new Promise((r) => setTimeout(r, 100));
      expect(receiver.count).toBe(1);
    } finally {
      await sender.close();
      await receiver.close();
    }
  });
});

describe('HttpSender certificate verification with NODE_EXTRA_CA_CERTS', () => {
  // NODE_EXTRA_CA_CERTS is read once at process start, so a child process does the sending.
  it('trusts a certificate added through NODE_EXTRA_CA_CERTS', async () => {
    const pair = makeSelfSignedCert();
    const receiver = await HttpsReceiver.start({ cert: pair });
    const dir = mkdtempSync(join(tmpdir(), 'http-sender-ca-'));
    const caFile = join(dir, 'ca.pem');
    writeFileSync(caFile, pair.cert);
    const script = `
      const { HttpSender } = require(${JSON.stringify(resolve(__dirname, 'http-sender.ts'))});
      const sender = new HttpSender();
      sender
        .send({ url: ${JSON.stringify(receiver.url())}, body: '{}', headers: {}, insecureSsl: false, timeoutMs: 5000 })
        .then((r) => sender.close().then(() => process.stdout.write(JSON.stringify(r))));
    `;
    try {
      const stdout = await new Promise<string>((done, fail) =>
        execFile(
          process.execPath,
          ['-r', 'ts-node/register/transpile-only', '-e', script],
          { env: { ...process.env, NODE_EXTRA_CA_CERTS: caFile }, cwd: resolve(__dirname, '../..') },
          (err, out, errOut) => (err ? fail(new Error(`${err.message}\n${errOut}`)) : done(out)),
        ),
      );
      const result = JSON.parse(stdout) as AttemptResult;
      expect(result.outcome).toBe('delivered');
      expect(receiver.count).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await receiver.close();
    }
  });
});

describe('classifyError', () => {
  const withCode = (code: string, message = code): Error => Object.assign(new Error(message), { code });

  it.each([
    ['ECONNREFUSED', 'connection_refused'],
    ['ECONNRESET', 'connection_reset'],
    ['EPIPE', 'connection_reset'],
    ['UND_ERR_SOCKET', 'connection_reset'],
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls'],
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
    ['UND_ERR_BODY_TIMEOUT', 'timeout'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
  ])('%s -> %s', (code, outcome) => {
    expect(classifyError(withCode(code, `boom ${code}`))).toEqual({ outcome, message: `boom ${code}` });
  });

  it('looks inside causes and AggregateErrors', () => {
    const wrapped = new Error('fetch failed', { cause: withCode('CERT_HAS_EXPIRED', 'certificate has expired') });
    expect(classifyError(wrapped)).toEqual({ outcome: 'tls', message: 'certificate has expired' });
    const aggregate = new AggregateError([withCode('ECONNREFUSED', 'connect ECONNREFUSED ::1:443')], '');
    expect(classifyError(aggregate).outcome).toBe('connection_refused');
  });

  it('treats "other side closed" as a reset and an abort timeout as a timeout', () => {
    expect(classifyError(new Error('other side closed')).outcome).toBe('connection_reset');
    expect(classifyError(new DOMException('The operation timed out.', 'TimeoutError')).outcome).toBe('timeout');
  });
});
