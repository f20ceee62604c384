import { ConsoleLogger } from '@nestjs/common';
import type { ChildProcess } from 'node:child_process';
import { startEmulator, type RunningEmulator } from '../../src/bootstrap';
import { loadConfig } from '../../src/config/load-config';
import { createTestInfra, type TestInfra } from '../../test/support/test-infra';
import { serviceEnv, startReceiverProcess, stopProcess, type ReceiverProcess } from './child';

export interface BenchServices {
  infra: TestInfra;
  receiver: ReceiverProcess;
  /** What a worker process of this run is started with. */
  env: Record<string, string>;
  api: RunningEmulator;
  /** Stops the run's worker (if one was started), the api, the receiver, and drops the database and Redis keys. */
  stop: (worker: ChildProcess | null) => Promise<void>;
}

/** What a bench part with a worker runs on: its own database and Redis prefix, a receiver process, and an api in this process. */
export async function startBenchServices(apiEnv: Record<string, string> = {}): Promise<BenchServices> {
  const infra = await createTestInfra();
  const receiver = await startReceiverProcess();
  const env = serviceEnv(infra);
  const api = await startEmulator(loadConfig({ ...env, ROLE: 'api', ...apiEnv }), new ConsoleLogger({ logLevels: ['error'] }));
  const stop = async (worker: ChildProcess | null) => {
    if (worker) await stopProcess(worker);
    await api.context.close();
    await receiver.stop();
    await infra.drop();
  };
  return { infra, receiver, env, api, stop };
}
