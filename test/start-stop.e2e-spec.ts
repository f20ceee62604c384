import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { freePort } from '../src/common/free-port';
import { processAlive } from '../src/database/data-folder-lock';
import { adminDatabaseUrl, createTestInfra, testRedisUrl } from './support/test-infra';

const ROOT = resolve(__dirname, '..');

/** `npm start` as a user runs it: embedded PostgreSQL and a self-started redis-server. */
class NpmStart {
  output = '';
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(env: Record<string, string>) {
    const base = { ...process.env };
    // Whatever the test run itself was given must not leak in: this start brings its own services.
    for (const name of ['DATABASE_URL', 'REDIS_URL', 'ROLE', 'PORT', 'ADMIN_API_KEY']) delete base[name];
    this.child = spawn('npm', ['start'], {
      cwd: ROOT,
      env: { ...base, LOG_LEVEL: 'log', DEMO_ORGANIZATION: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.on('data', (d) => (this.output += d));
    this.child.stderr!.on('data', (d) => (this.output += d));
    this.exited = new Promise((done) => this.child.once('exit', (code) => done(code)));
  }

  async waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    const started = Date.now();
    for (;;) {
      const match = pattern.exec(this.output);
      if (match) return match;
      if (this.child.exitCode !== null) throw new Error(`npm start exited (${this.child.exitCode}):\n${this.output}`);
      if (Date.now() - started > timeoutMs) throw new Error(`no ${pattern} within ${timeoutMs} ms:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function waitUntilGone(pids: number[], timeoutMs: number): Promise<number[]> {
  const started = Date.now();
  while (pids.some(processAlive) && Date.now() - started < timeoutMs) await new Promise((r) => setTimeout(r, 100));
  return pids.filter(processAlive);
}

describe('a start that cannot succeed', () => {
  it('a PORT already taken stops it with exit 1 and a message naming PORT and what to do', async () => {
    const infra = await createTestInfra();
    const taken = createServer();
    await new Promise<void>((listening) => taken.listen(0, '127.0.0.1', listening));
    const port = (taken.address() as AddressInfo).port;
    try {
      const run = spawnSync(process.execPath, ['dist/src/main.js'], {
        cwd: ROOT,
        env: {
          ...process.env,
          ROLE: 'all',
          PORT: String(port),
          DATABASE_URL: infra.databaseUrl,
          REDIS_URL: infra.redisUrl,
          REDIS_PREFIX: infra.redisPrefix,
          DEMO_ORGANIZATION: 'false',
        },
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(run.status).toBe(1);
      expect(run.stdout + run.stderr).toContain(
        `PORT=${port}: 127.0.0.1:${port} is already in use (another emulator or program listens there); stop it, or set PORT to a free port (0 picks one)`,
      );
    } finally {
      taken.close();
      await infra.drop();
    }
  }, 90_000);

  it('a database that does not exist stops the start at once, naming it (no retries), never the password', async () => {
    const url = new URL(adminDatabaseUrl());
    url.pathname = '/emu_no_such_database';
    url.password = 'Pw-never-shown';
    const run = spawnSync(process.execPath, ['dist/src/main.js'], {
      cwd: ROOT,
      env: { ...process.env, ROLE: 'all', PORT: '0', DATABASE_URL: url.toString(), REDIS_URL: testRedisUrl(), DEMO_ORGANIZATION: 'false' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const output = run.stdout + run.stderr;
    expect(run.status).toBe(1);
    // Logs are JSON lines: the quotes around the name come escaped.
    const message = `PostgreSQL at ${url.hostname}:${url.port || 5432} (DATABASE_URL) has no database "emu_no_such_database": create it, or point DATABASE_URL at one that exists`;
    expect(output).toContain(JSON.stringify(message).slice(1, -1));
    expect(output).not.toContain('Retrying');
    expect(output).not.toContain('Pw-never-shown');
  }, 90_000);
});

describe('npm start and stop', () => {
  let dataDir: string;
  let first: NpmStart | null = null;
  let pids: number[] = [];

  beforeAll(() => {
    // Under the git-ignored .data/ like the default folder: PostgreSQL's own OS user (when run as
    // root) can reach it, which a 0700 temp folder would not allow.
    dataDir = join(ROOT, '.data', `test-npm-start-${randomBytes(4).toString('hex')}`);
  });
  afterAll(async () => {
    // Only if the test failed half-way: stop what this test started, by PID.
    for (const pid of [first?.child.pid, ...pids]) if (pid && processAlive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second start on the same data folder, naming it and its process; kill -TERM of npm stops node, PostgreSQL and Redis', async () => {
    const port = String(await freePort());
    first = new NpmStart({ PORT: port, EMBEDDED_PG_DIR: dataDir });
    // The build (when sources are newer than dist/) and a first initdb make this slow on a busy machine.
    const ready = await first.waitFor(/\{[^\n]*"pid":(\d+)[^\n]*ROLE=all: admin API on/, 240_000);
    const nodePid = Number(ready[1]);
    const postgresPid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = readFileSync(`/proc/${nodePid}/task/${nodePid}/children`, 'utf8').trim().split(' ').map(Number);
    const redisPid = children.find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis-server'))!;
    pids = [nodePid, postgresPid, redisPid];
    expect(children).toEqual(expect.arrayContaining([postgresPid, redisPid]));
    // npm runs the service itself (`exec node`), no shell in between to swallow a signal.
    expect(first.child.pid).toBe(Number(readFileSync(`/proc/${nodePid}/stat`, 'utf8').split(') ')[1].split(' ')[1]));

    // The image's HEALTHCHECK command, against this service and against a port where nothing listens.
    const healthcheck = (env: Record<string, string>) =>
      spawnSync(process.execPath, ['dist/src/health/healthcheck.js'], { cwd: ROOT, env: { ...process.env, ROLE: 'all', ...env }, encoding: 'utf8' });
    expect(healthcheck({ PORT: port })).toMatchObject({ status: 0, stdout: `http://127.0.0.1:${port}/health: 200\n` });
    expect(healthcheck({ PORT: String(await freePort()) }).status).toBe(1);

    const second = new NpmStart({ PORT: String(await freePort()), EMBEDDED_PG_DIR: dataDir });
    expect(await second.exited).not.toBe(0);
    expect(second.output).toContain(
      `The embedded PostgreSQL data folder ${dataDir} is in use by PostgreSQL (PID ${postgresPid}), started by process ${nodePid} (node dist/src/main.js)`,
    );
    expect(second.output).toContain('dist/ is newer than every source: not rebuilt');

    first.child.kill('SIGTERM');
    await first.exited;
    expect(await waitUntilGone(pids, 30_000)).toEqual([]);
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(false);
    expect(first.output).toContain('SIGTERM: stopping intake');
  }, 300_000);
});
