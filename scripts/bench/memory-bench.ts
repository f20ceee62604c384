import { ConsoleLogger } from '@nestjs/common';
import type { ChildProcess } from 'node:child_process';
import { startEmulator } from '../../src/bootstrap';
import { makeEvent } from '../../src/catalog/event-factory';
import { SeededRandom } from '../../src/common/seeded-random';
import { loadConfig } from '../../src/config/load-config';
import { EventPublisher } from '../../src/events/event-publisher.service';
import { WebhooksService } from '../../src/webhooks/webhooks.service';
import { createTestInfra } from '../../test/support/test-infra';
import { peakRssMb, rssMb, serviceEnv, startReceiverProcess, startWorkerProcess, stopProcess } from './child';
import { fullSpeedFigures, waitForReceived, type FullSpeedFigures } from './measure';

export interface BacklogMemoryFigures {
  backlog: number;
  workerStartRssMb: number;
  workerPeakRssMb: number;
  drain: FullSpeedFigures;
}

/**
 * The worker's memory against the size of its backlog (`--backlog=N`): N events published
 * through the outbox with no worker running, then a fresh worker drains them all; its peak RSS
 * is read when the last one arrived. The default run gets the same figure for its 30,000 events
 * from the full-speed drain.
 */
export async function benchBacklogMemory(backlog: number): Promise<BacklogMemoryFigures> {
  const infra = await createTestInfra();
  const receiver = await startReceiverProcess();
  const env = serviceEnv(infra);
  const api = await startEmulator(loadConfig({ ...env, ROLE: 'api' }), new ConsoleLogger({ logLevels: ['error'] }));
  let worker: ChildProcess | null = null;
  try {
    await api.context.get(WebhooksService).create({
      Webhook: { Endpoint: `https://127.0.0.1:${receiver.port}/memory`, InsecureSSL: true },
      Subscriptions: [{ EventType: 'QueueStatus', AllEntities: true }],
    });
    const publisher = api.context.get(EventPublisher);
    const rng = new SeededRandom('bench-memory');
    // Made and published 500 at a time: this process must not hold the whole backlog either.
    for (let i = 0; i < backlog; i += 500) {
      const chunk = Array.from({ length: Math.min(500, backlog - i) }, () => makeEvent('QueueStatus', {}, { rng }));
      await Promise.all(chunk.map((payload) => publisher.publish({ payload, source: 'scenario' })));
    }
    worker = await startWorkerProcess(env);
    const workerStartRssMb = rssMb(worker.pid!);
    const drain = fullSpeedFigures(await waitForReceived(receiver, backlog, 900_000));
    return { backlog, workerStartRssMb, workerPeakRssMb: peakRssMb(worker.pid!), drain };
  } finally {
    if (worker) await stopProcess(worker);
    await api.context.close();
    await receiver.stop();
    await infra.drop();
  }
}
