import { fork, spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestInfra } from '../../test/support/test-infra';

/**
 * The variables every bench service process gets: its run's own database and Redis prefix, a
 * receiver on any port, quiet logs, no demo organisation, any free HTTP port, and any free port for
 * a worker's /metrics (the default one may be taken on a shared machine).
 */
export function serviceEnv(infra: TestInfra, redisUrl = infra.redisUrl): Record<string, string> {
  return {
    DATABASE_URL: infra.databaseUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: infra.redisPrefix,
    ALLOW_ANY_ENDPOINT_PORT: 'true',
    LOG_LEVEL: 'warn',
    DEMO_ORGANIZATION: 'false',
    PORT: '0',
    METRICS_PORT: '0',
  };
}

const TS_NODE = ['-r', 'ts-node/register/transpile-only'];

export interface ReceiverProcess {
  child: ChildProcess;
  port: number;
  request: <T>(message: string) => Promise<T>;
  stop: () => Promise<void>;
}

export function startReceiverProcess(opts: { hang?: boolean; countOnly?: boolean } = {}): Promise<ReceiverProcess> {
  const args = [...(opts.hang ? ['--hang'] : []), ...(opts.countOnly ? ['--count-only'] : [])];
  const child = fork(resolve(__dirname, 'receiver-process.ts'), args, { execArgv: TS_NODE, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const request = <T>(message: string) =>
    new Promise<T>((done) => {
      child.once('message', (m) => done(m as T));
      child.send(message);
    });
  const stop = () =>
    new Promise<void>((done) => {
      if (child.exitCode !== null) return done();
      child.once('exit', () => done());
      child.send('stop');
    });
  return new Promise((done, fail) => {
    child.once('message', (m: { port: number }) => done({ child, port: m.port, request, stop }));
    child.once('exit', (code) => fail(new Error(`receiver exited with ${code}`)));
  });
}

/**
 * The built emulator (dist/, as `npm start` runs it) as a worker process (ROLE=worker), so its RSS
 * is the service's own and not a TypeScript compiler's.
 */
export function startWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  const main = resolve(__dirname, '../../dist/src/main.js');
  if (!existsSync(main)) throw new Error(`${main} is missing: run npm run build first`);
  // BENCH_WORKER_NODE_ARGS (e.g. --cpu-prof) profiles the worker.
  const nodeArgs = [...workerNodeFlags(), ...(process.env.BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean) ?? [])];
  return spawnUntil([...nodeArgs, main], { ...env, ROLE: 'worker', LOG_LEVEL: 'log' }, 'ROLE=worker');
}

/** The node flags of `npm run start:worker`, so the bench measures a worker as users start it. */
export function workerNodeFlags(): string[] {
  const scripts = (JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
  const command = scripts['start:worker'].split(' ');
  return command.slice(command.indexOf('node') + 1).filter((a) => a.startsWith('--'));
}

/** The typical BullMQ worker the emulator is measured against (typical-worker-process.ts). */
export function startTypicalWorkerProcess(env: Record<string, string>): Promise<ChildProcess> {
  return spawnUntil([...TS_NODE, resolve(__dirname, 'typical-worker-process.ts')], env, 'ready');
}

/** Starts node with `args` and resolves once its standard output shows `marker`. */
function spawnUntil(args: string[], env: Record<string, string>, marker: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((done, fail) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      // BENCH_WORKER_STDOUT=file keeps the worker's output (say, with --trace-gc).
      if (process.env.BENCH_WORKER_STDOUT) appendFileSync(process.env.BENCH_WORKER_STDOUT, d);
      out += d;
      if (out.includes(marker)) done(child);
    });
    child.once('exit', (code) => fail(new Error(`${args.at(-1)} exited with ${code}: ${out}`)));
  });
}

/** Stops a child with SIGTERM and waits for it to exit. */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Peak resident set size (VmHWM) of a live process, in MB. */
export function peakRssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}

/** Resident set size (VmRSS) of a live process now, in MB. */
export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 102.4) / 10;
}
