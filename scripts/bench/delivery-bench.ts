import type { ChildProcess } from 'node:child_process';
import { EVENT_TYPE_NAMES } from '../../src/catalog/event-catalog';
import type { WebhookPayload } from '../../src/catalog/payload.types';
import { makeEvent } from '../../src/catalog/event-factory';
import { ScenariosService } from '../../src/scenarios/scenarios.service';
import { SeededRandom } from '../../src/common/seeded-random';
import { EventPublisher } from '../../src/events/event-publisher.service';
import { WebhooksService } from '../../src/webhooks/webhooks.service';
import { freePort } from '../../src/common/free-port';
import { peakRssMb, rssMb, startWorkerProcess } from './child';
import { startBenchServices } from './bench-services';
import { benchLiveStream, type StreamFigures } from './stream-bench';
import {
  cpuMsPerItem,
  cpuSeconds,
  emitSteadily,
  fullSpeedFigures,
  latencyFigures,
  percentiles,
  sleep,
  waitForReceived,
  WARM_UP_SECONDS,
  type FullSpeedFigures,
  type LatencyFigures,
} from './measure';
import { scrapeWorkerMetrics, type WorkerMetricsSample } from './worker-metrics';

export interface ScenarioFigures {
  status: string;
  report: {
    Events: { Total: number };
    Deliveries: { Total: number };
    LatencyMs: { P50: number; P95: number; P99: number } | null;
    Throughput: { DeliveredPerSecond: number };
  } | null;
}

export interface DeliveryFigures {
  scenarios: { fullSpeed: ScenarioFigures; steady: ScenarioFigures };
  fullSpeed: FullSpeedFigures & { emittedPerSecond: number; cpuMsPerDelivery: Record<string, number> };
  steady: LatencyFigures & {
    rate: number;
    seconds: number;
    /** publish() to committed and queued */
    outboxP50Ms: number;
    outboxP99Ms: number;
    /** CPU time per event at the steady rate, by process (api: this process, with the bench driver). */
    cpuMsPerEvent: Record<string, number>;
  };
  workerPeakRssMb: number;
  /** The worker's RSS once it is up (its backlog waiting), and its peak when the full-speed backlog is drained. */
  workerStartRssMb: number;
  workerDrainPeakRssMb: number;
  /** The worker's own /metrics, scraped every second while it drained the full-speed backlog. */
  workerMetrics: WorkerMetricsSample[];
  liveStream: StreamFigures | null;
}

/**
 * The delivery path end to end: an api process (this one) publishes through the outbox into
 * PostgreSQL and BullMQ; a separate worker process (the built service, ROLE=worker) POSTs over
 * HTTPS to a receiver in a third process; every event, delivery and attempt is stored. Full speed
 * is measured as the worker draining a backlog, so the figure is the worker's, not the emitter's
 * (they scale separately: ROLE=api and ROLE=worker processes).
 */
export async function benchDeliveries(opts: {
  fullSpeedEvents: number;
  steadyRate: number;
  steadySeconds: number;
  scenarios: boolean;
  streamRate: number;
}): Promise<DeliveryFigures> {
  // The api process holds the demo organisation the load scenarios simulate.
  const { receiver, env, api, stop } = await startBenchServices({ DEMO_ORGANIZATION: 'true' });
  let worker: ChildProcess | null = null;
  try {
    await api.context.get(WebhooksService).create({
      Webhook: { Endpoint: `https://127.0.0.1:${receiver.port}/bench`, InsecureSSL: true },
      Subscriptions: EVENT_TYPE_NAMES.map((EventType) => ({ EventType, AllEntities: true })),
    });
    const publisher = api.context.get(EventPublisher);
    const rng = new SeededRandom('bench');
    const events = (n: number) => Array.from({ length: n }, () => makeEvent('QueueStatus', {}, { rng }));
    const publishAll = async (payloads: WebhookPayload[]) => {
      for (let i = 0; i < payloads.length; i += 500) {
        await Promise.all(payloads.slice(i, i + 500).map((payload) => publisher.publish({ payload, source: 'scenario' })));
      }
    };

    // The outbox alone: events (with their deliveries) accepted per second, no worker running.
    const backlog = events(opts.fullSpeedEvents);
    const t0 = performance.now();
    await publishAll(backlog);
    const emittedPerSecond = Math.round(backlog.length / ((performance.now() - t0) / 1000));

    // The worker alone, at full speed: it drains the backlog, every attempt logged.
    const metricsPort = await freePort();
    worker = await startWorkerProcess({ ...env, METRICS_PORT: String(metricsPort) });
    const workerStartRssMb = rssMb(worker.pid!);
    const scraping = scrapeWorkerMetrics(`http://127.0.0.1:${metricsPort}/metrics`, 1000);
    const drainProcesses = { api: process.pid, worker: worker.pid!, receiver: receiver.child.pid! };
    const drainCpuBefore = cpuSeconds(drainProcesses);
    const fullSpeed = {
      ...fullSpeedFigures(await waitForReceived(receiver, opts.fullSpeedEvents, 300_000)),
      emittedPerSecond,
      // Where the machine's time goes while the worker drains: what bounds the sustained rate.
      cpuMsPerDelivery: cpuMsPerItem(drainCpuBefore, cpuSeconds(drainProcesses), opts.fullSpeedEvents),
    };
    const workerDrainPeakRssMb = peakRssMb(worker.pid!);
    const workerMetrics = await scraping.stop();
    await sleep(1000); // the last attempts' log rows land
    await receiver.request('reset');

    // Steady rate: emit-to-receiver latency, measured after a warm-up at the same rate (the
    // database and the worker are still settling from the full-speed run).
    const warmUp = opts.steadyRate * WARM_UP_SECONDS;
    const steadyEvents = events(warmUp + opts.steadyRate * opts.steadySeconds);
    const acceptedMs = new Float64Array(steadyEvents.length).fill(NaN);
    const processes = { api: process.pid, worker: worker.pid!, receiver: receiver.child.pid! };
    const cpuBefore = cpuSeconds(processes);
    const emittedAt = await emitSteadily(steadyEvents.length, opts.steadyRate, (index, at) => {
      void publisher.publish({ payload: steadyEvents[index], source: 'scenario' }).then(() => {
        if (index >= warmUp) acceptedMs[index] = performance.timeOrigin + performance.now() - at;
      });
    });
    const steadyReport = await waitForReceived(receiver, steadyEvents.length, 30_000);
    const cpuMsPerEvent = cpuMsPerItem(cpuBefore, cpuSeconds(processes), steadyEvents.length);
    const steady = latencyFigures(
      steadyReport,
      steadyEvents.map((e) => String(e.Id)),
      emittedAt,
      warmUp,
    );
    const accepted = percentiles(acceptedMs);

    // The console's live stream at streamRate events/s: delivery latency without and with a watcher.
    const liveStream =
      opts.streamRate > 0
        ? await benchLiveStream(
            api.url!,
            receiver,
            { publish: (payload) => void publisher.publish({ payload, source: 'scenario' }), events },
            opts.streamRate,
            10,
          )
        : null;

    // Load scenarios through the simulation and the normal delivery path: one compressed in time
    // (as fast as the simulation emits), one at about the steady rate (~10 events per call).
    const scenarios = api.context.get(ScenariosService);
    const runScenario = async (dto: Record<string, unknown>): Promise<ScenarioFigures> => {
      if (!opts.scenarios) return { status: 'skipped (--scenarios=false)', report: null };
      const started = await scenarios.start(dto as never);
      for (;;) {
        const view = (await scenarios.get(started.Id)) as { Status: string; Report?: ScenarioFigures['report'] };
        if (!['running', 'draining'].includes(view.Status)) return { status: view.Status, report: view.Report ?? null };
        await sleep(500);
      }
    };
    // Short calls, so each run ends soon after its last call is placed.
    const short = { AnswerSeconds: { Min: 1, Max: 4 }, TalkSeconds: { Min: 5, Max: 20 } };
    const scenarioFast = await runScenario({ Seed: 'bench-fast', TimeScale: 20, DurationSeconds: 300, CallsPerSecond: 10, ...short });
    const scenarioSteady = await runScenario({
      Seed: 'bench-steady',
      TimeScale: 1,
      DurationSeconds: opts.steadySeconds,
      CallsPerSecond: opts.steadyRate / 10,
      ...short,
    });

    return {
      scenarios: { fullSpeed: scenarioFast, steady: scenarioSteady },
      fullSpeed,
      steady: { ...steady, rate: opts.steadyRate, seconds: opts.steadySeconds, outboxP50Ms: accepted.p50Ms, outboxP99Ms: accepted.p99Ms, cpuMsPerEvent },
      workerPeakRssMb: peakRssMb(worker.pid!),
      workerStartRssMb,
      workerDrainPeakRssMb,
      workerMetrics,
      liveStream,
    };
  } finally {
    await stop(worker);
  }
}
