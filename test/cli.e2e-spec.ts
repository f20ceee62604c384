import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { Agent, fetch as undiciFetch } from 'undici';
import { freePort } from '../src/common/free-port';
import { adminApi } from './support/api';
import { RECEIVER_HOST, receiverUrl } from './support/receiver-host';
import { startTestApp, type TestApp } from './support/test-app';
import { until } from './support/until';

const CLI = [require.resolve('ts-node/dist/bin.js'), '--transpile-only', join(__dirname, '../src/cli/main.ts')];

function start(
  args: string[],
  env: Record<string, string> = {},
): ChildProcessWithoutNullStreams & { out: () => string; err: () => string; done: Promise<number | null> } {
  const child = spawn(process.execPath, [...CLI, ...args], { env: { ...process.env, ADMIN_API_KEY: '', ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += String(d)));
  child.stderr.on('data', (d) => (stderr += String(d)));
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return Object.assign(child, { out: () => stdout, err: () => stderr, done });
}

/** True once a TCP connection to the port is refused. */
function isClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

async function run(args: string[], env: Record<string, string> = {}) {
  const child = start(args, env);
  const code = await child.done;
  return { code, stdout: child.out(), stderr: child.err() };
}

describe('enreach-emu CLI', () => {
  it('--help goes to stdout with exit 0, --version prints the package version, unknown options are named with exit 2', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: enreach-emu <command>');
    expect(help.stderr).toBe('');
    const commandHelp = await run(['trigger', '--help']);
    expect(commandHelp.code).toBe(0);
    expect(commandHelp.stdout).toContain('usage: enreach-emu trigger');
    const version = await run(['--version']);
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')) as { version: string }).version);
    const unknown = await run(['scenario', '--seed', '1', '--duration', '2', '--frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--frobnicate'");
    expect(unknown.stdout).toBe('');
    const missing = await run(['scenario', '--seed']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("'--seed <value>' argument missing");
    expect((await run(['launch'])).stderr).toContain('unknown command "launch"');
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('a command is needed');
    const unreachable = await run(['trigger', 'UserStatus'], { EMULATOR_URL: 'http://127.0.0.1:9' });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toContain('cannot reach the emulator at http://127.0.0.1:9');
    // An address that is no URL is a bad argument, named before the command starts.
    const notUrl = await run(['tail', '--url', 'notaurl']);
    expect(notUrl.code).toBe(2);
    expect(notUrl.stderr).toContain('--url must be the emulator\'s http:// or https:// address, got "notaurl"');
    expect(notUrl.stderr).not.toContain('Watching');
    const envNotUrl = await run(['trigger', 'UserStatus'], { EMULATOR_URL: '127.0.0.1:3000' });
    expect(envNotUrl.code).toBe(2);
    expect(envNotUrl.stderr).toContain('EMULATOR_URL must be the emulator\'s http:// or https:// address, got "127.0.0.1:3000"');
  }, 60_000);

  it('kill -TERM of `npm run receiver` stops the receiver: npm runs it with no shell in between to swallow the signal', async () => {
    const port = await freePort();
    const npm = spawn('npm', ['run', '--silent', 'receiver', '--', '--host', '127.0.0.1', '--port', String(port), '--quiet'], {
      cwd: join(__dirname, '..'),
      env: { ...process.env, ADMIN_API_KEY: '' },
    });
    let stderr = '';
    npm.stderr.on('data', (d) => (stderr += String(d)));
    const exited = new Promise<void>((resolve) => npm.on('exit', () => resolve()));
    await until(() => stderr.includes('Receiver listening'), 'the receiver to listen');
    npm.kill('SIGTERM');
    await exited;
    // Nothing listens any more: the receiver itself got the signal and closed.
    let closed = false;
    for (let deadline = Date.now() + 5000; !closed && Date.now() < deadline; await new Promise((r) => setTimeout(r, 100))) closed = await isClosed(port);
    // A receiver left behind would keep this run from ending: stop it before failing.
    if (!closed) spawnSync('pkill', ['-f', `receiver --host 127.0.0.1 --port ${port} `]);
    expect(closed).toBe(true);
  }, 60_000);

  describe('against the emulator and the sample receiver on port 443', () => {
    let app: TestApp;
    let receiver: ReturnType<typeof start>;
    let h: ReturnType<typeof adminApi>;
    let env: Record<string, string>;

    beforeAll(async () => {
      receiver = start(['receiver', '--host', RECEIVER_HOST, '--port', '443', '--json']);
      await until(() => receiver.err().includes('Receiver listening'), 'the receiver to listen');
      app = await startTestApp({ RETRY_SCHEDULE: '50ms', RETRY_JITTER: '0' });
      h = adminApi(app);
      env = { EMULATOR_URL: app.url! };
    }, 60_000);
    afterAll(async () => {
      receiver?.kill('SIGINT');
      await receiver?.done;
      await app?.close();
    });

    const arrived = () =>
      receiver
        .out()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as { Path: string; Body: string; Headers: Record<string, string>; Answer: number | null });

    it('trigger emits an event with the given values; the receiver prints exactly what arrived; tail shows the delivery', async () => {
      const w = await h.createWebhook({ Endpoint: receiverUrl('/cli'), InsecureSSL: true, Secret: 'CliSecret123' }, [
        { AllEventTypes: true, AllEntities: true },
      ]);
      const tail = start(['tail', '--json', '--webhook-id', w.Id], env);
      await until(() => tail.err().includes('Watching deliveries'), 'tail to start');
      const out = await run(['trigger', 'QueueCallInArrived', 'QueueName=Sales', 'CallerNumber=+358401234567', '--wait', '--json'], env);
      expect(out.stderr).toBe('');
      expect(out.code).toBe(0);
      const result = JSON.parse(out.stdout) as { Payload: Record<string, unknown>; Deliveries: { Status: string; WebhookId: string }[] };
      expect(result.Payload).toMatchObject({ EventType: 'QueueCallInArrived', QueueName: 'Sales', CallerNumber: '+358401234567' });
      expect(result.Deliveries).toEqual([expect.objectContaining({ WebhookId: w.Id, Status: 'delivered' })]);

      await until(() => arrived().some((r) => r.Path === '/cli'), 'the receiver to print the request');
      const got = arrived().find((r) => r.Path === '/cli')!;
      expect(got.Body).toBe(JSON.stringify(result.Payload));
      expect(got.Headers['x-benemen-event']).toBe('QueueCallInArrived');
      expect(got.Headers['x-benemen-token']).toBe('*** (12 characters)');
      expect(receiver.out()).not.toContain('CliSecret123');
      expect(got.Answer).toBe(200);

      const lines = () =>
        tail
          .out()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as { EventId: string; Status: string });
      await until(() => lines().some((l) => l.Status === 'delivered'), 'tail to show the delivery as delivered');
      tail.kill('SIGINT');
      expect(await tail.done).toBe(0);
      expect(lines().every((l) => l.EventId === result.Payload.Id)).toBe(true);
      await h.api().delete(`/api/webhooks/${w.Id}`).expect(204);
    }, 60_000);

    it('webhook create makes a Landis webhook (its secret printed once); webhook list shows the platform; its test webhook arrives', async () => {
      const out = await run(
        [
          'webhook',
          'create',
          '--platform',
          'landis',
          '--endpoint',
          receiverUrl('/cli-landis'),
          '--event',
          'App.TestWebhook',
          '--event',
          'App.QueueWebhook',
          '--header',
          'X-Tenant=acme',
          '--insecure',
        ],
        env,
      );
      expect(out.stderr).toBe('');
      expect(out.code).toBe(0);
      const id = /^landis webhook ([0-9a-f-]{36}) created: .*\/cli-landis App\.TestWebhook, App\.QueueWebhook$/m.exec(out.stdout)?.[1];
      expect(id).toBeDefined();
      const secret = /secret \(shown once.*\): (whs_[0-9a-f]{32})$/m.exec(out.stdout)?.[1];
      expect(secret).toBeDefined();
      const listed = await run(['webhook', 'list'], env);
      expect(listed.stdout).toContain(`${id} landis active ${receiverUrl('/cli-landis')} App.TestWebhook,App.QueueWebhook`);
      expect(listed.stdout).not.toContain(secret);
      await h.api().post(`/api/webhooks/${id}/test`).send({}).expect(202);
      await until(() => arrived().some((r) => r.Path === '/cli-landis'), 'the Landis test webhook to arrive');
      const got = arrived().find((r) => r.Path === '/cli-landis')!;
      expect(JSON.parse(got.Body)).toMatchObject({ WebhookEvent: 'App.TestWebhook', Attempt: 1 });
      expect(got.Headers['x-tenant']).toBe('acme');

      // The sample receiver verifies the signature with --landis-secret: the request as it arrived passes, a changed body does not.
      const port = await freePort();
      const verifying = start(['receiver', '--host', '127.0.0.1', '--port', String(port), '--landis-secret', secret!, '--quiet']);
      await until(() => verifying.err().includes('Receiver listening'), 'the verifying receiver to listen');
      const insecure = new Agent({ connect: { rejectUnauthorized: false } });
      const replay = (body: string) =>
        undiciFetch(`https://127.0.0.1:${port}/landis`, {
          method: 'POST',
          body,
          headers: { 'content-type': 'application/json; charset=utf-8', 'abp-webhook-signature': got.Headers['abp-webhook-signature'] },
          dispatcher: insecure,
        });
      expect((await replay(got.Body)).status).toBe(200);
      expect((await replay(got.Body.replace('"Attempt":1', '"Attempt":2'))).status).toBe(401);
      await until(() => verifying.out().includes('abp-webhook-signature does not verify'), 'the receiver to name the refusal');
      expect(verifying.out()).toMatch(/#1 {2}POST \/landis {2}App\.TestWebhook {2}-> 200/);
      verifying.kill('SIGINT');
      await verifying.done;
      await insecure.close();

      const usage = await run(['webhook', 'create', '--platform', 'teams', '--endpoint', 'https://x/', '--event', 'A'], env);
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain('--platform must be enreach or landis');
      await h.api().delete(`/api/webhooks/${id}`).expect(204);
    }, 60_000);

    it('the receiver can be told to fail; trigger --wait then exits 1 with the discarded delivery', async () => {
      const w = await h.createWebhook({ Endpoint: receiverUrl('/fail'), InsecureSSL: true }, [{ EventType: 'UserStatus', AllEntities: true }]);
      const insecure = new Agent({ connect: { rejectUnauthorized: false } });
      const control = await undiciFetch(`https://${RECEIVER_HOST}/_receiver`, { method: 'POST', body: JSON.stringify({ Status: 503 }), dispatcher: insecure });
      expect(control.status).toBe(200);
      const out = await run(['trigger', 'UserStatus', '--wait'], env);
      expect(out.code).toBe(1);
      expect(out.stdout).toMatch(/discarded .*\/fail after 2 attempt\(s\), last http_status 503/);
      expect(
        arrived()
          .filter((r) => r.Path === '/fail')
          .map((r) => r.Answer),
      ).toEqual([503, 503]);
      const bad = await undiciFetch(`https://${RECEIVER_HOST}/_receiver`, { method: 'POST', body: JSON.stringify({ Status: 'soon' }), dispatcher: insecure });
      expect(bad.status).toBe(400);
      expect(JSON.stringify(await bad.json())).toContain('Status must be an integer');
      await insecure.close();
      await h.api().delete(`/api/webhooks/${w.Id}`).expect(204);
    }, 60_000);
  });
});
