import { ConsoleLogger } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import Redis from 'ioredis';
import type { ChildProcess } from 'node:child_process';
import { DataSource } from 'typeorm';
import { startEmulator, type RunningEmulator } from '../../src/bootstrap';
import { makeEvent } from '../../src/catalog/event-factory';
import { SeededRandom } from '../../src/common/seeded-random';
import { loadConfig } from '../../src/config/load-config';
import { QueueName } from '../../src/deliveries/delivery-queue';
import { EventPublisher } from '../../src/events/event-publisher.service';
import { startLocalRedis } from '../../src/redis/local-redis';
import { WebhookRegistry } from '../../src/webhooks/webhook-registry.service';
import { WebhooksService } from '../../src/webhooks/webhooks.service';
import { createTestInfra } from '../../test/support/test-infra';
import { serviceEnv, startReceiverProcess, startWorkerProcess, stopProcess, type ReceiverProcess } from './child';
import { emitSteadily, latencyFigures, sleep, waitForReceived, WARM_UP_SECONDS, type LatencyFigures } from './measure';

export interface IsolationFigures {
  rate: number;
  seconds: number;
  /** The healthy webhook's emit-to-receiver latency with no other webhook busy. */
  alone: LatencyFigures;
  /** The same, beside a hung webhook with `hungBacklog` events waiting (and more coming). */
  beside: LatencyFigures;
  hungBacklog: number;
  /** Commands per second that the (bench's own) Redis processed during each measurement. */
  redisCommandsPerSecondAlone: number;
  redisCommandsPerSecondBeside: number;
}

export interface DuplicateFigures {
  events: number;
  reconcileIntervalMs: number;
  /** Requests the receiver got beyond one per event. */
  duplicates: number;
  /** Deliveries with more than one attempt (none failed, so any would be a spurious one). */
  retried: number;
}

interface Stack {
  api: RunningEmulator;
  worker: ChildProcess;
  redis: Redis;
  publishTo: (webhookId: string) => Promise<{ id: string }>;
  hook: (receiver: ReceiverProcess) => Promise<string>;
  stop: () => Promise<void>;
}

/**
 * An api process (this one) and a worker process (the built service) on a database of their own
 * and a redis-server of their own, so its command count is the emulator's alone.
 */
async function startStack(extraEnv: Record<string, string>): Promise<Stack> {
  const infra = await createTestInfra();
  const ownRedis = await startLocalRedis(() => undefined);
  const env = {
    ...serviceEnv(infra, ownRedis.url),
    ...extraEnv,
  };
  const api = await startEmulator(loadConfig({ ...env, ROLE: 'api' }), new ConsoleLogger({ logLevels: ['error'] }));
  const worker = await startWorkerProcess(env);
  const redis = new Redis(ownRedis.url);
  const publisher = api.context.get(EventPublisher);
  const registry = api.context.get(WebhookRegistry);
  const rng = new SeededRandom('bench-isolation');
  return {
    api,
    worker,
    redis,
    publishTo: (webhookId) =>
      publisher.publish({ payload: makeEvent('QueueStatus', {}, { rng }), source: 'scenario', onlyWebhook: registry.webhook(webhookId)! }),
    // Events reach it only by publishTo (onlyWebhook); its subscription is to an entity no event has.
    hook: async (receiver) =>
      (
        await api.context.get(WebhooksService).create({
          Webhook: { Endpoint: `https://127.0.0.1:${receiver.port}/bench`, InsecureSSL: true },
          Subscriptions: [{ EventType: 'QueueStatus', EntityId: '00000000-0000-4000-8000-000000000000' }],
        } as never)
      ).Id as string,
    stop: async () => {
      await stopProcess(worker);
      redis.disconnect();
      await api.context.close();
      await ownRedis.stop();
      await infra.drop();
    },
  };
}

const commandsProcessed = async (redis: Redis) => Number(/total_commands_processed:(\d+)/.exec(await redis.info('stats'))?.[1] ?? 0);

/**
 * A healthy webhook at `rate` events/s: its latency alone, then beside a hung webhook (a receiver
 * that never answers) with a parked backlog of `backlog` events that keeps growing at rate/4.
 */
export async function benchIsolation(opts: { rate: number; seconds: number; backlog: number }): Promise<IsolationFigures> {
  const healthyReceiver = await startReceiverProcess();
  const hungReceiver = await startReceiverProcess({ hang: true });
  const stack = await startStack({});
  try {
    const healthy = await stack.hook(healthyReceiver);
    const hung = await stack.hook(hungReceiver);
    const measure = async (alsoHung: boolean) => {
      await healthyReceiver.request('reset');
      const warmUp = opts.rate * WARM_UP_SECONDS;
      const count = warmUp + opts.rate * opts.seconds;
      const ids: string[] = new Array(count);
      let commandsAtStart = 0;
      const startedAt = { t: 0 };
      const emittedAt = await emitSteadily(count, opts.rate, (index) => {
        if (index === warmUp) {
          startedAt.t = performance.now();
          void commandsProcessed(stack.redis).then((n) => (commandsAtStart = n));
        }
        void stack.publishTo(healthy).then((p) => (ids[index] = p.id));
        if (alsoHung && index % 4 === 0) void stack.publishTo(hung);
      });
      const commandsPerSecond = Math.round(((await commandsProcessed(stack.redis)) - commandsAtStart) / ((performance.now() - startedAt.t) / 1000));
      const report = await waitForReceived(healthyReceiver, count, 30_000);
      return { latency: latencyFigures(report, ids, emittedAt, warmUp), commandsPerSecond };
    };
    const alone = await measure(false);

    // The hung webhook's backlog: published at full speed, parked once, then left waiting.
    for (let i = 0; i < opts.backlog; i += 500) await Promise.all(Array.from({ length: Math.min(500, opts.backlog - i) }, () => stack.publishTo(hung)));
    const queue = stack.api.context.get<Queue>(getQueueToken(QueueName.Deliveries));
    for (let deadline = Date.now() + 120_000; (await queue.getWaitingCount()) > 0 && Date.now() < deadline;) await sleep(200);
    const beside = await measure(true);
    const [{ n }] = await stack.api.context
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM deliveries WHERE webhook_id = $1 AND status IN ('pending', 'retrying')`, [hung]);
    return {
      rate: opts.rate,
      seconds: opts.seconds,
      alone: alone.latency,
      beside: beside.latency,
      hungBacklog: n,
      redisCommandsPerSecondAlone: alone.commandsPerSecond,
      redisCommandsPerSecondBeside: beside.commandsPerSecond,
    };
  } finally {
    await stack.stop();
    await healthyReceiver.stop();
    await hungReceiver.stop();
  }
}

/** `events` published at full speed to one healthy webhook, the reconciler every second: how many arrive twice. */
export async function benchDuplicates(opts: { events: number }): Promise<DuplicateFigures> {
  const reconcileIntervalMs = 1000;
  const receiver = await startReceiverProcess();
  const stack = await startStack({ RECONCILE_INTERVAL_MS: String(reconcileIntervalMs) });
  try {
    const webhook = await stack.hook(receiver);
    for (let i = 0; i < opts.events; i += 500) await Promise.all(Array.from({ length: Math.min(500, opts.events - i) }, () => stack.publishTo(webhook)));
    await waitForReceived(receiver, opts.events, 300_000);
    // Until every delivery is logged delivered and no job is left, the reconciler may still act.
    const db = stack.api.context.get(DataSource);
    const queue = stack.api.context.get<Queue>(getQueueToken(QueueName.Deliveries));
    for (let deadline = Date.now() + 120_000; Date.now() < deadline; await sleep(500)) {
      const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE status <> 'delivered'`);
      const jobs = Object.values(await queue.getJobCounts('wait', 'active', 'delayed')).reduce((a, b) => a + b, 0);
      if (n === 0 && jobs === 0) break;
    }
    const report = await waitForReceived(receiver, opts.events, 0);
    const [{ retried }] = await db.query(`SELECT count(*)::int AS retried FROM deliveries WHERE attempts > 1`);
    return { events: opts.events, reconcileIntervalMs, duplicates: report.ids.length - new Set(report.ids).size, retried };
  } finally {
    await stack.stop();
    await receiver.stop();
  }
}
