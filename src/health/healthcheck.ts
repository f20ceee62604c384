import 'reflect-metadata';
import { request } from 'node:http';
import { loadConfig } from '../config/load-config';

/**
 * The container's HEALTHCHECK (`node dist/src/health/healthcheck.js`): exit 0 when this container's
 * process answers, so `docker compose up --wait` waits for a service that works. An api process
 * answers GET /health (PostgreSQL and Redis reachable); a worker, which has no admin API, its
 * /metrics (it reads the queue in Redis to answer).
 */
export function healthUrl(env: NodeJS.ProcessEnv): string {
  const config = loadConfig(env);
  // The process listens on HOST; a wildcard address is reached on loopback.
  const host = ['0.0.0.0', '::', '[::]'].includes(config.http.host) ? '127.0.0.1' : config.http.host;
  const shown = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return config.runsApi ? `http://${shown}:${config.http.port}/health` : `http://${shown}:${config.metricsPort}/metrics`;
}

if (require.main === module) {
  const url = healthUrl(process.env);
  const req = request(url, { timeout: 4000 }, (res) => {
    res.resume();
    process.stdout.write(`${url}: ${res.statusCode}\n`);
    process.exit(res.statusCode === 200 ? 0 : 1);
  });
  req.on('timeout', () => req.destroy(new Error('no answer within 4 s')));
  req.on('error', (e) => {
    process.stdout.write(`${url}: ${e.message}\n`);
    process.exit(1);
  });
  req.end();
}
