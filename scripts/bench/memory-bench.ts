import type { ChildProcess } from 'node:child_process';
import { makeEvent } from '../../src/catalog/event-factory';
import { SeededRandom } from '../../src/common/seeded-random';
import { EventPublisher } from '../../src/events/event-publisher.service';
import { WebhooksService } from '../../src/webhooks/webhooks.service';
import { peakRssMb, rssMb, startWorkerProcess } from './child';
import { fullSpeedFigures, waitForReceived, type FullSpeedFigures } from './measure';
import { startBenchServices } from './bench-services';

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
  const { receiver, env, api, stop } = await startBenchServices();
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
    await stop(worker);
  }
}
