import type { ChildProcess } from 'node:child_process';
import { DataSource } from 'typeorm';
import { EVENT_TYPE_NAMES } from '../../src/catalog/event-catalog';
import { OrganizationService } from '../../src/organization/organization.service';
import { planCalls, type PlannedCall } from '../../src/scenarios/call-plan';
import type { CreateScenarioDto } from '../../src/scenarios/dto/create-scenario.dto';
import { toScenarioOptions } from '../../src/scenarios/scenario-options';
import { ScenariosService } from '../../src/scenarios/scenarios.service';
import { SimulationService } from '../../src/simulation/simulation.service';
import { OrganizationModel, Scheduler, Simulation, VirtualClock } from '../../src/simulation/engine';
import { toOrganizationData } from '../../src/simulation/simulation-model.mapper';
import { WebhooksService } from '../../src/webhooks/webhooks.service';
import { startWorkerProcess } from './child';
import { storeContactCenter } from './contact-center';
import { fullSpeedFigures, sleep, waitForReceived, type FullSpeedFigures } from './measure';
import { startBenchServices } from './bench-services';

export interface SimulationFigures {
  agents: number;
  queues: number;
  calls: number;
  /** The engine in this process, unpaced, emitting into a counter: no outbox, no delivery. */
  engine: { events: number; seconds: number; eventsPerSecond: number };
  /** The same scenario through the service (AsFastAsPossible), every event stored and delivered. */
  endToEnd: {
    status: string;
    events: number;
    deliveries: number;
    delivered: number;
    /** Scenario start to its report (every delivery ended). */
    seconds: number;
    /** Arrivals at the receiver, as the full-speed row measures them. */
    received: FullSpeedFigures;
  } | null;
}

const START = '2026-03-02T00:00:00Z';

/**
 * `simulation`: a seeded full day of a contact centre (agents in queues, the default mix of
 * queue, direct, outbound and callback traffic) at maximum time compression, first the engine
 * alone in this process, then as a scenario with AsFastAsPossible through an api process (this
 * one: engine, outbox) and a worker process to a receiver process.
 */
export async function benchSimulation(opts: { agents: number; queues: number; callsPerSecond: number; endToEnd: boolean }): Promise<SimulationFigures> {
  const { receiver, env, api, stop } = await startBenchServices();
  let worker: ChildProcess | null = null;
  try {
    await storeContactCenter(api.context.get(DataSource), { agents: opts.agents, queues: opts.queues, seed: 'bench-contact-centre' });
    // Written behind the service's back: a reset builds the engine on it (a scenario resets again when it starts).
    await api.context.get(SimulationService).reset({ paused: true });
    await api.context.get(WebhooksService).create({
      Webhook: { Endpoint: `https://127.0.0.1:${receiver.port}/simulation`, InsecureSSL: true },
      Subscriptions: EVENT_TYPE_NAMES.map((EventType) => ({ EventType, AllEntities: true })),
    });
    const dto = {
      Seed: 'bench-day',
      StartTime: START,
      DurationSeconds: 86_400,
      CallsPerSecond: opts.callsPerSecond,
      AsFastAsPossible: true,
    } as CreateScenarioDto;
    const snapshot = (await api.context.get(OrganizationService).snapshot())!;
    const data = toOrganizationData(snapshot);
    const plan = planCalls(toScenarioOptions(dto), {
      queues: data.queues.map((q) => q.id),
      users: data.users.map((u) => u.id),
      callLists: data.callLists.map((l) => l.id),
    });
    const engine = await engineAlone(data, plan);

    let endToEnd: SimulationFigures['endToEnd'] = null;
    if (opts.endToEnd) {
      worker = await startWorkerProcess(env);
      const scenarios = api.context.get(ScenariosService);
      const t0 = performance.now();
      const started = await scenarios.start(dto);
      let view: { Status: string; Report?: { Events: { Total: number }; Deliveries: { Total: number; ByStatus: Record<string, number> } } };
      for (;;) {
        view = (await scenarios.get(started.Id)) as typeof view;
        if (!['running', 'draining'].includes(view.Status)) break;
        await sleep(1000);
      }
      const seconds = Math.round(performance.now() - t0) / 1000;
      const report = view.Report;
      const deliveries = report?.Deliveries.Total ?? 0;
      endToEnd = {
        status: view.Status,
        events: report?.Events.Total ?? 0,
        deliveries,
        delivered: report?.Deliveries.ByStatus.delivered ?? 0,
        seconds,
        received: fullSpeedFigures(await waitForReceived(receiver, deliveries, 30_000)),
      };
    }
    return { agents: opts.agents, queues: opts.queues, calls: plan.length, engine, endToEnd };
  } finally {
    await stop(worker);
  }
}

/** The plan placed on an engine of its own, unpaced; events are counted, not published. */
async function engineAlone(data: ReturnType<typeof toOrganizationData>, plan: readonly PlannedCall[]) {
  const startMs = Date.parse(START);
  const scheduler = new Scheduler(new VirtualClock(startMs));
  let events = 0;
  const sim = new Simulation(new OrganizationModel(structuredClone(data), startMs), { seed: 'bench-day', clock: scheduler, emit: () => void events++ });
  // As a scenario places its calls (ScenarioRun): each placement schedules the next.
  const place = (index: number): void => {
    const call = plan[index];
    if (call.kind === 'queue') sim.placeQueueCall(call.target, call.script);
    else if (call.kind === 'direct') sim.placeDirectCall(call.target, call.script);
    else if (call.kind === 'outbound') sim.placeOutboundCall(call.target, call.number ?? '', call.script);
    else sim.createCallback(call.target, { contactNumber: call.number ?? '' });
    if (index + 1 < plan.length) scheduler.scheduleAt(startMs + plan[index + 1].atMs, () => place(index + 1));
  };
  scheduler.scheduleAt(startMs + plan[0].atMs, () => place(0));
  // The day, and an hour for the last calls and callbacks to end (the engine's periodic tasks never let it idle).
  const ended = new Promise<void>((resolve) => scheduler.scheduleAt(startMs + 25 * 3600_000, resolve));
  const t0 = performance.now();
  scheduler.startAsFastAsPossible();
  await ended;
  const seconds = (performance.now() - t0) / 1000;
  await scheduler.stop();
  return { events, seconds: Math.round(seconds * 1000) / 1000, eventsPerSecond: Math.round(events / seconds) };
}

if (require.main === module) {
  benchSimulation({ agents: 100, queues: 10, callsPerSecond: Number(process.argv[2] ?? 0.25), endToEnd: process.argv[3] === 'e2e' }).then(
    (f) => {
      console.log(JSON.stringify(f));
      process.exit(0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
