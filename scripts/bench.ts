import { benchCommit, type CommitFigures } from './bench/commit-bench';
import { benchDeliveries, type DeliveryFigures } from './bench/delivery-bench';
import { benchDuplicates, benchIsolation, type DuplicateFigures, type IsolationFigures } from './bench/isolation-bench';
import { benchMatcher } from './bench/matcher-bench';
import { benchBacklogMemory, type BacklogMemoryFigures } from './bench/memory-bench';
import { benchSimulation, type SimulationFigures } from './bench/simulation-bench';
import { benchTypicalWorker, type TypicalFigures } from './bench/typical-bench';
import { benchStoredData, storedDataRows } from './bench/stored-data-bench';
import { benchWire, type WireFigures } from './bench/wire-bench';
import { ensureServices } from '../test/support/services';

/**
 * `npm run bench`: the matcher's cost per event, then the delivery path's throughput at full speed,
 * emit-to-receiver latency at a steady rate, and the worker's peak RSS; then a typical
 * BullMQ worker measured the same way on the same machine. A table, then one JSON line.
 */
async function main(): Promise<void> {
  const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=') as [string, string]));
  const fullSpeedEvents = Number(args.get('events') ?? 30_000);
  const steadyRate = Number(args.get('rate') ?? 500);
  const steadySeconds = Number(args.get('seconds') ?? 20);
  const scenarios = args.get('scenarios') !== 'false';
  const baseline = args.get('baseline') !== 'false';
  // --delivery=false, --isolation=false, --duplicates=false skip those parts.
  const runDelivery = args.get('delivery') !== 'false';
  const runIsolation = args.get('isolation') !== 'false';
  const runDuplicates = args.get('duplicates') !== 'false';
  const isolationRate = 200;
  const streamRate = Number(args.get('stream-rate') ?? 1000);
  // --rows=1000000 for the stored-data figures at a million rows; the default keeps the run short; --rows=0 skips.
  const storedRows = Number(args.get('rows') ?? 100_000);
  // --backlog=300000: the worker's memory draining a larger backlog (a run of its own, not in the default).
  const backlog = args.has('backlog') ? Number(args.get('backlog')) : 0;
  // --simulation=false skips the full day; --simulation=engine measures the engine alone.
  const simulationMode = args.get('simulation') ?? 'true';
  const callsPerSecond = Number(args.get('day-calls') ?? 21_600) / 86_400;

  const services = await ensureServices();
  try {
    const matcher = [10, 10_000].map((n) => benchMatcher(n, 0));
    const delivery: DeliveryFigures | null = runDelivery
      ? await timed('delivery', () => benchDeliveries({ fullSpeedEvents, steadyRate, steadySeconds, scenarios, streamRate }))
      : null;
    const memory: BacklogMemoryFigures | null =
      backlog > 0 ? await timed('backlog memory', () => orNull('backlog memory', () => benchBacklogMemory(backlog))) : null;
    const simulation: SimulationFigures | null =
      simulationMode === 'false'
        ? null
        : await timed('simulation', () =>
            orNull('simulation', () => benchSimulation({ agents: 100, queues: 10, callsPerSecond, endToEnd: simulationMode !== 'engine' })),
          );
    // The worker's per-webhook cap (WEBHOOK_MAX_IN_FLIGHT) is what the pipeline keeps in flight to one receiver.
    const wire: WireFigures | null =
      args.get('wire') !== 'false'
        ? await timed('wire', () => orNull('wire', () => benchWire({ events: fullSpeedEvents, inFlight: 50, receiverSeconds: 3 })))
        : null;
    // --commit=false skips it.
    const commit: CommitFigures | null =
      args.get('commit') !== 'false' ? await timed('commit', () => orNull('commit', () => benchCommit({ rate: steadyRate, seconds: 10 }))) : null;
    const isolation: IsolationFigures | null = runIsolation
      ? await timed('isolation', () => benchIsolation({ rate: isolationRate, seconds: steadySeconds, backlog: 5000 }))
      : null;
    const duplicates: DuplicateFigures | null = runDuplicates ? await timed('duplicates', () => benchDuplicates({ events: 20_000 })) : null;
    const storedData = storedRows > 0 ? await timed('stored data', () => benchStoredData({ rows: storedRows, rate: 100, seconds: 10 })) : null;
    // Same concurrency as the emulator's worker default (WORKER_CONCURRENCY).
    const typical: TypicalFigures | null =
      baseline && delivery
        ? await timed('typical worker', () => benchTypicalWorker({ events: fullSpeedEvents, rate: steadyRate, seconds: steadySeconds, concurrency: 100 }))
        : null;
    const typicalRows: [string, string][] = typical
      ? [
          ['typical BullMQ worker (axios, one insert per attempt), deliveries/s sustained', `${typical.fullSpeed.sustainedPerSecond}`],
          ['typical BullMQ worker, deliveries/s first to last', `${typical.fullSpeed.deliveriesPerSecond}`],
          [
            'emulator / typical worker, sustained deliveries/s (target >= 4x)',
            `${(delivery!.fullSpeed.sustainedPerSecond / typical.fullSpeed.sustainedPerSecond).toFixed(2)}x`,
          ],
          [`typical worker, queue.add-to-receiver p50 / p99 at ${steadyRate}/s`, `${typical.steady.p50Ms} / ${typical.steady.p99Ms} ms`],
          [`typical worker, CPU ms per event at ${steadyRate}/s`, formatCpu(typical.steady.cpuMsPerEvent)],
        ]
      : [['typical BullMQ worker', 'skipped (--baseline=false or --delivery=false)']];
    const pipeline = delivery?.fullSpeed.sustainedPerSecond ?? NaN;
    const wireRows: [string, string][] = wire
      ? [
          [
            `wire: the worker's sender alone (undici, ${wire.sender.inFlight} in flight), same receiver, deliveries/s sustained / first to last`,
            `${wire.sender.sustainedPerSecond} / ${wire.sender.deliveriesPerSecond}${wire.sender.failed ? ` (${wire.sender.failed} failed)` : ''}`,
          ],
          [
            `wire: the receiver alone (raw TLS client, ${wire.receiverAlone.connections} connections x ${wire.receiverAlone.depth} pipelined), requests/s`,
            `${wire.receiverAlone.perSecond} (${(wire.receiverAlone.perSecond / pipeline).toFixed(1)}x the pipeline; target >= 3x)`,
          ],
          ['pipeline / wire, sustained (target >= 50%)', `${Math.round((pipeline / wire.sender.sustainedPerSecond) * 100)}%`],
        ]
      : [['wire', 'skipped (--wire=false) or failed (stderr)']];
    const commitLatency = (c: CommitFigures['durable']) => `${c.p50Ms} / ${c.p99Ms} / ${c.maxMs} ms (${c.over20Ms} of ${c.commits} over 20 ms)`;
    const commitRows: [string, string][] = commit
      ? [
          [
            `commit: PostgreSQL alone, one-row INSERTs at ${commit.rate}/s for ${commit.seconds} s, each its own durable commit (as the outbox's), p50 / p99 / max`,
            commitLatency(commit.durable),
          ],
          ['commit: the same, not waiting for the WAL flush (synchronous_commit off)', commitLatency(commit.noFlush)],
        ]
      : [['commit', 'skipped (--commit=false) or failed (stderr)']];
    const memoryRows: [string, string][] = memory
      ? [
          [
            `worker RSS at start / peak draining ${memory.backlog} events (--backlog; target within +10% of the 30,000 figure)`,
            `${memory.workerStartRssMb} / ${memory.workerPeakRssMb} MB${delivery ? ` (${((memory.workerPeakRssMb / delivery.workerDrainPeakRssMb - 1) * 100).toFixed(1)}%)` : ''}, drained at ${memory.drain.sustainedPerSecond}/s sustained`,
          ],
        ]
      : [];
    const simulationRows: [string, string][] = simulation
      ? [
          [
            `simulation: a day of ${simulation.agents} agents in ${simulation.queues} queues, ${simulation.calls} calls: engine alone, events/s (target >= 50,000)`,
            `${simulation.engine.eventsPerSecond} (${simulation.engine.events} events in ${simulation.engine.seconds} s)`,
          ],
          ...(simulation.endToEnd
            ? ([
                [
                  'simulation: the same day as a scenario (AsFastAsPossible), events / deliveries / delivered, start to report',
                  `${simulation.endToEnd.events} / ${simulation.endToEnd.deliveries} / ${simulation.endToEnd.delivered}, ${simulation.endToEnd.seconds} s (${simulation.endToEnd.status})`,
                ],
                [
                  'simulation: delivered/s at the receiver, sustained / first to last (target >= 80% of full speed)',
                  `${simulation.endToEnd.received.sustainedPerSecond} / ${simulation.endToEnd.received.deliveriesPerSecond}${delivery ? ` (${Math.round((simulation.endToEnd.received.sustainedPerSecond / pipeline) * 100)}% of full speed)` : ''}`,
                ],
              ] as [string, string][])
            : []),
        ]
      : [['simulation', 'skipped (--simulation=false) or failed (stderr)']];
    const isolationRows: [string, string][] = isolation
      ? [
          [
            `isolation: healthy webhook p50 / p99 at ${isolation.rate}/s, alone`,
            `${isolation.alone.p50Ms} / ${isolation.alone.p99Ms} ms (Redis ${isolation.redisCommandsPerSecondAlone} commands/s)`,
          ],
          [
            `isolation: the same beside a hung webhook (${isolation.hungBacklog} events waiting)`,
            `${isolation.beside.p50Ms} / ${isolation.beside.p99Ms} ms (Redis ${isolation.redisCommandsPerSecondBeside} commands/s)`,
          ],
          ['isolation: p99 beside / alone (target <= 2x and <= 50 ms)', `${(isolation.beside.p99Ms / isolation.alone.p99Ms).toFixed(2)}x`],
        ]
      : [['isolation', 'skipped (--isolation=false)']];
    const duplicateRows: [string, string][] = duplicates
      ? [
          [
            `duplicates: ${duplicates.events} events, reconcile every ${duplicates.reconcileIntervalMs / 1000} s, no fault`,
            `${duplicates.duplicates} (deliveries with a 2nd attempt: ${duplicates.retried})`,
          ],
        ]
      : [['duplicates', 'skipped (--duplicates=false)']];
    const deliveryRows: [string, string][] = delivery
      ? [
          [`deliveries/s at full speed, sustained (middle 80% of ${delivery.fullSpeed.events} events)`, `${delivery.fullSpeed.sustainedPerSecond}`],
          ['deliveries/s at full speed, first to last (start-up included)', `${delivery.fullSpeed.deliveriesPerSecond}`],
          ['events/s accepted by the outbox (no worker running)', `${delivery.fullSpeed.emittedPerSecond}`],
          ['CPU ms per delivery while draining at full speed, by process', formatCpu(delivery.fullSpeed.cpuMsPerDelivery)],
          [`emit-to-receiver p50 at ${steadyRate}/s for ${steadySeconds} s`, `${delivery.steady.p50Ms} ms`],
          [`emit-to-receiver p95 at ${steadyRate}/s`, `${delivery.steady.p95Ms} ms`],
          [`emit-to-receiver p99 at ${steadyRate}/s`, `${delivery.steady.p99Ms} ms`],
          [`of which publish to committed and queued (the outbox), p50 / p99`, `${delivery.steady.outboxP50Ms} / ${delivery.steady.outboxP99Ms} ms`],
          [`CPU ms per event at ${steadyRate}/s, by process`, formatCpu(delivery.steady.cpuMsPerEvent)],
          [
            `worker RSS at start / peak draining ${delivery.fullSpeed.events} events (target <= 160 MB)`,
            `${delivery.workerStartRssMb} / ${delivery.workerDrainPeakRssMb} MB`,
          ],
          ['worker peak RSS over the whole delivery run (steady rate, stream and scenarios included)', `${delivery.workerPeakRssMb} MB`],
          ["worker's own /metrics while draining (scraped each second): attempts at t", formatScrapes(delivery.workerMetrics)],
          ...streamRows(delivery.liveStream),
          ...(['fullSpeed', 'steady'] as const).flatMap((phase): [string, string][] => {
            const r = delivery.scenarios[phase].report;
            const name =
              phase === 'fullSpeed' ? 'load scenario, 20x time' : `load scenario, ${steadyRate / 10} calls/s (~${steadyRate} events/s while placing)`;
            if (!r) return [[name, delivery.scenarios[phase].status]];
            return [
              [`${name}: events, deliveries`, `${r.Events.Total}, ${r.Deliveries.Total}`],
              [`${name}: delivered/s over the run`, `${r.Throughput.DeliveredPerSecond}`],
              [`${name}: emit-to-delivered p50 / p99`, r.LatencyMs ? `${r.LatencyMs.P50} / ${r.LatencyMs.P99} ms` : '-'],
            ];
          }),
        ]
      : [['delivery path', 'skipped (--delivery=false)']];
    const rows: [string, string][] = [
      ...matcher.map((m): [string, string] => [`match, ${m.webhooks} webhooks (${m.subscriptions} subscriptions)`, `${m.nsPerMatch.toFixed(0)} ns/event`]),
      ...deliveryRows,
      ...memoryRows,
      ...wireRows,
      ...commitRows,
      ...simulationRows,
      ...typicalRows,
      ...isolationRows,
      ...duplicateRows,
      ...storedDataRows(storedData),
      // What the run's time went to: which part to skip (or shorten) for a quicker run.
      [
        'seconds per part',
        Object.entries(partSeconds)
          .map(([part, s]) => `${part} ${s}`)
          .join(', '),
      ],
    ];
    const width = Math.max(...rows.map(([k]) => k.length));
    console.log(`\n${'figure'.padEnd(width)}  value\n${'-'.repeat(width)}  -----`);
    for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
    console.log(JSON.stringify({ matcher, delivery, memory, wire, commit, simulation, typical, isolation, duplicates, storedData, partSeconds }));
  } finally {
    for (const s of services.reverse()) await s.stop();
  }
}

const partSeconds: Record<string, number> = {};

/** Runs a part and notes how long it took. */
async function timed<T>(part: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await run();
  } finally {
    partSeconds[part] = Math.round((performance.now() - started) / 100) / 10;
  }
}

/** A part that fails is reported on stderr and left out, so the rest of a long run still prints. */
async function orNull<T>(part: string, run: () => Promise<T>): Promise<T | null> {
  try {
    return await run();
  } catch (e) {
    console.error(`${part} failed:`, e);
    return null;
  }
}

/** The first scrape that saw attempts, one midway and the last: the series move during the run. */
const formatScrapes = (samples: { atMs: number; attempts: number }[]) => {
  const first = samples.findIndex((s) => s.attempts > 0);
  if (first < 0) return `no attempts in ${samples.length} scrapes`;
  const shown = [...new Set([first, Math.floor((first + samples.length - 1) / 2), samples.length - 1])].map((i) => samples[i]);
  return shown.map((s) => `${s.attempts} at ${(s.atMs / 1000).toFixed(1)} s`).join(', ');
};

const streamRows = (s: DeliveryFigures['liveStream']): [string, string][] => {
  if (!s) return [['console live stream', 'skipped (--stream-rate=0)']];
  const st = s.stream;
  return [
    [`emit-to-receiver p50 / p99 at ${s.rate}/s for ${s.seconds} s, nobody watching`, `${s.withoutStream.p50Ms} / ${s.withoutStream.p99Ms} ms`],
    [`emit-to-receiver p50 / p99 at ${s.rate}/s, the console's live stream open`, `${s.withStream.p50Ms} / ${s.withStream.p99Ms} ms`],
    [`live stream at ${s.rate}/s: batches, rows sent, KB`, `${st.batches} batches (max gap ${st.maxGapMs} ms), ${st.rowsSent} rows, ${st.kbSent} KB`],
    [`live stream at ${s.rate}/s: events counted / emitted`, `${st.eventsCounted} / ${st.eventsEmitted}`],
    [`live stream at ${s.rate}/s: emit to listed in a batch, p50 / p99`, `${st.lagP50Ms} / ${st.lagP99Ms} ms`],
  ];
};

const formatCpu = (cpu: Record<string, number>) =>
  Object.entries(cpu)
    .map(([k, v]) => `${k} ${v.toFixed(2)}`)
    .join(', ');

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
