import { Queue } from 'bullmq';
import type { ChildProcess } from 'node:child_process';
import { makeEvent } from '../../src/catalog/event-factory';
import { SeededRandom } from '../../src/common/seeded-random';
import { createTestInfra } from '../../test/support/test-infra';
import { startReceiverProcess, startTypicalWorkerProcess, stopProcess } from './child';
import {
  cpuMsPerItem,
  cpuSeconds,
  emitSteadily,
  fullSpeedFigures,
  latencyFigures,
  waitForReceived,
  WARM_UP_SECONDS,
  type FullSpeedFigures,
  type LatencyFigures,
} from './measure';

export interface TypicalFigures {
  concurrency: number;
  fullSpeed: FullSpeedFigures;
  /** queue.add() to receiver: no outbox in front of it, so less work than the emulator's emit-to-receiver. */
  steady: LatencyFigures & { rate: number; seconds: number; cpuMsPerEvent: Record<string, number> };
}

/**
 * The reference on this machine: a typical BullMQ worker (axios, one PostgreSQL insert per
 * attempt) draining a backlog, then at the steady rate, over HTTPS to the same kind of receiver
 * process. Machines here differ by up to 3x; the emulator's figures read against these.
 */
export async function benchTypicalWorker(opts: { events: number; rate: number; seconds: number; concurrency: number }): Promise<TypicalFigures> {
  const infra = await createTestInfra();
  const receiver = await startReceiverProcess();
  const queue = new Queue('typical', { connection: { url: infra.redisUrl }, prefix: infra.redisPrefix });
  let worker: ChildProcess | null = null;
  try {
    const rng = new SeededRandom('bench-typical');
    const job = () => {
      const payload = makeEvent('QueueStatus', {}, { rng });
      return {
        name: 'QueueStatus',
        data: payload,
        opts: { jobId: String(payload.Id), attempts: 4, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: true, removeOnFail: true },
      };
    };
    const backlog = Array.from({ length: opts.events }, job);
    for (let i = 0; i < backlog.length; i += 500) await queue.addBulk(backlog.slice(i, i + 500));

    worker = await startTypicalWorkerProcess({
      DATABASE_URL: infra.databaseUrl,
      REDIS_URL: infra.redisUrl,
      REDIS_PREFIX: infra.redisPrefix,
      QUEUE: 'typical',
      RECEIVER_URL: `https://127.0.0.1:${receiver.port}/typical`,
      CONCURRENCY: String(opts.concurrency),
    });
    const fullSpeed = fullSpeedFigures(await waitForReceived(receiver, opts.events, 300_000));
    await receiver.request('reset');

    const warmUp = opts.rate * WARM_UP_SECONDS;
    const steadyJobs = Array.from({ length: warmUp + opts.rate * opts.seconds }, job);
    const processes = { driver: process.pid, worker: worker.pid!, receiver: receiver.child.pid! };
    const cpuBefore = cpuSeconds(processes);
    const emittedAt = await emitSteadily(steadyJobs.length, opts.rate, (index) => {
      const { name, data, opts: jobOpts } = steadyJobs[index];
      void queue.add(name, data, jobOpts);
    });
    const report = await waitForReceived(receiver, steadyJobs.length, 30_000);
    const cpuMsPerEvent = cpuMsPerItem(cpuBefore, cpuSeconds(processes), steadyJobs.length);
    const steady = latencyFigures(
      report,
      steadyJobs.map((j) => j.opts.jobId),
      emittedAt,
      warmUp,
    );
    return { concurrency: opts.concurrency, fullSpeed, steady: { ...steady, rate: opts.rate, seconds: opts.seconds, cpuMsPerEvent } };
  } finally {
    if (worker) await stopProcess(worker);
    await queue.close();
    await receiver.stop();
    await infra.drop();
  }
}
