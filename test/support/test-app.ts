import { ConsoleLogger, type LoggerService } from '@nestjs/common';
import { startEmulator, type RunningEmulator } from '../../src/bootstrap';
import type { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { createTestInfra, type TestInfra } from './test-infra';

export interface TestApp extends RunningEmulator {
  config: AppConfig;
  infra: TestInfra;
  close(): Promise<void>;
}

/** Boots the real application on a free port against its own database and Redis prefix. */
export async function startTestApp(
  env: Record<string, string> = {},
  infra?: TestInfra,
  logger: LoggerService = new ConsoleLogger({ json: true, logLevels: ['fatal', 'error'] }),
): Promise<TestApp> {
  const own = infra ?? (await createTestInfra());
  const config = loadConfig({
    PORT: '0',
    DATABASE_URL: own.databaseUrl,
    REDIS_URL: own.redisUrl,
    REDIS_PREFIX: own.redisPrefix,
    LOG_LEVEL: 'warn',
    DEMO_ORGANIZATION: 'false',
    ...env,
  });
  const emulator = await startEmulator(config, logger);
  return {
    ...emulator,
    config,
    infra: own,
    close: async () => {
      await emulator.context.close();
      if (!infra) await own.drop();
    },
  };
}
