import 'reflect-metadata';
import { setFlagsFromString } from 'node:v8';
import { ConsoleLogger, Logger, type LogLevel as NestLogLevel } from '@nestjs/common';
import { startEmulator } from './bootstrap';
import { AppConfig } from './config/app-config';
import type { LogLevel } from './config/environment';
import { ConfigError, loadConfig } from './config/load-config';
import type { StartedService } from './common/started-service';
import { startupProblem } from './common/startup-problem';
import { startEmbeddedPostgres } from './database/embedded-postgres';
import { startLocalRedis } from './redis/local-redis';

const LEVELS: NestLogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

function nestLevels(level: LogLevel): NestLogLevel[] {
  return LEVELS.slice(0, LEVELS.indexOf(level) + 1);
}

function announce(config: AppConfig, log: Logger): void {
  if (config.runsApi && !config.http.adminApiKey) {
    log.warn(`ADMIN_API_KEY is not set: the admin API is open to anyone who can reach ${config.http.host}:${config.http.port}`);
  }
  if (config.webhooks.allowAnyEndpointPort) {
    log.warn('ALLOW_ANY_ENDPOINT_PORT=true: endpoints on ports other than 443 are accepted; the real platform refuses them');
  }
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  // A worker's live heap is small and bounded (jobs in flight, the log's backlog), yet V8 lets the
  // old generation grow to 4x it before collecting: mostly garbage promoted under load. 1.6x keeps
  // the worker's peak RSS ~20 MB lower (npm run bench); 1.3x was no smaller but collected twice as
  // often, each full collection stalling the worker ~15 ms and costing ~10% of the full-speed rate.
  if (config.role === 'worker') setFlagsFromString('--heap-growing-percent=60');
  const logger = new ConsoleLogger({ json: true, logLevels: nestLevels(config.logLevel) });
  const log = new Logger('Main');
  Logger.overrideLogger(logger);
  const started: StartedService[] = [];
  const stopAll = async () => {
    for (const service of started.reverse()) await service.stop().catch(() => undefined);
  };
  try {
    if (!config.database.url) {
      const pg = await startEmbeddedPostgres(config.database.embeddedDir, (m) => log.log(m));
      started.push(pg);
      config.database.url = pg.url;
    }
    if (!config.redis.url && !config.redis.clusterNodes.length) {
      const redis = await startLocalRedis((m) => log.log(m));
      started.push(redis);
      config.redis.url = redis.url;
    }
    announce(config, log);
    const emulator = await startEmulator(config, logger);
    log.log(
      emulator.url ? `ROLE=${config.role}: admin API on ${emulator.url} (docs at ${emulator.url}/docs)` : `ROLE=${config.role}: consuming jobs, no admin API`,
    );
    let closing = false;
    const shutdown = async (signal: string) => {
      if (closing) return;
      closing = true;
      log.log(`${signal}: stopping intake, finishing in-flight work`);
      // With Redis away, BullMQ's queues fail to quit their connections: there is nothing left to close.
      await emulator.context.close().catch((e) => log.warn(`Closing: ${String(e)}`));
      await stopAll();
      process.exit(0);
    };
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    process.once('SIGINT', () => void shutdown('SIGINT'));
  } catch (e) {
    log.error(startupProblem(e, { http: config.runsApi ? config.http : null, databaseUrl: config.database.url }));
    await stopAll();
    process.exit(1);
  }
}

void main();
