import { spawn, spawnSync } from 'node:child_process';
import Redis from 'ioredis';
import { freePort } from '../common/free-port';
import type { StartedService } from '../common/started-service';

export class RedisNotFoundError extends Error {
  constructor() {
    super(
      'REDIS_URL is not set and no redis-server was found on PATH. Either install Redis ' +
        '(Debian/Ubuntu: `apt-get install redis-server`, macOS: `brew install redis`) and start again, ' +
        'set REDIS_URL to a running Redis, or use `docker compose up`.',
    );
  }
}

/** Starts a throw-away redis-server (no persistence) on a free loopback port. */
export async function startLocalRedis(log: (msg: string) => void): Promise<StartedService> {
  const found = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' });
  const binary = found.stdout.trim();
  if (found.status !== 0 || !binary) throw new RedisNotFoundError();
  const port = await freePort();
  const child = spawn(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined); // failures surface through connect()
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      break;
    } catch (e) {
      probe.disconnect();
      if (Date.now() > deadline || child.exitCode !== null) {
        child.kill();
        throw new Error(`redis-server did not start on port ${port}: ${String(e)}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  log(`Started ${binary} on ${url} (no persistence)`);
  return {
    url,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}
