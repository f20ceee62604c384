import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Subscription } from 'rxjs';
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { QueueName } from '../deliveries/delivery-queue';
import { DeliveryBacklogGate } from './delivery-backlog-gate';
import { AppConfig } from '../config/app-config';
import type { WebhookPayload } from '../catalog/payload.types';
import { EventIdConflictError } from '../events/event-id-conflict.error';
import { EventPublisher, type PublishInput } from '../events/event-publisher.service';
import { OrganizationService } from '../organization/organization.service';
import { SmartRoutingService } from '../smart-routing/smart-routing.service';
import { MAX_SMART_ROUTING_TIMEOUT_MS } from '../smart-routing/smart-routing-call';
import {
  OrganizationModel,
  Scheduler,
  Simulation,
  SimulationCommandError,
  VirtualClock,
  type CallInfo,
  type OrganizationData,
  type TaskHandle,
  VIRTUAL_TIME_END_MS,
} from './engine';
import { toOrganizationData } from './simulation-model.mapper';
import { ConflictError, NotFoundError, UnavailableError, ValidationProblem } from '../common/errors/domain-errors';
import { derivedRunKey, SimulationRuns } from './simulation-runs';
import { hasSubscriptionCheck, LANDIS_EVENT_SINK, type LandisEventInput, type LandisEventSink } from '../landis/landis-event-sink';
import type { LandisOutput } from './engine/landis-output';

export interface SimulationSettings {
  seed: string | number;
  startTime: Date;
  timeScale: number;
  /** The clock runs only when advanced by hand (exact, wall-clock-free replays). */
  paused: boolean;
  /** Once running, tasks run without pacing (timeScale is then ignored); publishing holds the engine back. */
  asFastAsPossible?: boolean;
}

/** ?wait=routed gives up after this long: the longest SmartRouting time-out a queue may set, and a margin. */
const ROUTED_WAIT_LIMIT_MS = MAX_SMART_ROUTING_TIMEOUT_MS + 5_000;

/** As fast as possible, the engine waits while this many emitted events are not yet accepted by the outbox. */
const MAX_UNPUBLISHED = 4000;

/** How a reset picks its run: a new one (default), a recorded one replayed, or one keyed by its caller's plan. */
export interface RunChoice {
  /** Replays this recorded run: its seed, start time, time scale and ids; the organisation must be as it was. */
  replayOf?: string;
  /** A caller that plans its whole run up front (a scenario): the same key on the same starting state replays. */
  runKey?: string;
}

/** Extra publishing options for one emitted payload (a scenario tags its events and picks retry treatments). */
export type PublishDecorator = (payload: WebhookPayload) => PublishExtra | null;
export type PublishExtra = Pick<PublishInput, 'scenarioId' | 'delivery'> & {
  /** Called when the store refuses the event: its Id was stored earlier with another body. */
  onRefused?: () => void;
};

/**
 * Runs the simulation engine in real time (scaled by TIME_SCALE) against the stored organisation,
 * publishing what it emits through the normal outbox. One api process should drive the
 * simulation: its state (calls in progress, agents' activity) lives in that process's memory.
 */
@Injectable()
export class SimulationService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SimulationService.name);
  private sim: Simulation | null = null;
  private scheduler: Scheduler | null = null;
  private settings: SimulationSettings;
  private changes: Subscription | null = null;
  /**
   * A rebuild after a model change continues the run with a derived seed, so new calls do not
   * repeat the ids of earlier ones; an explicit reset starts the seed's stream from the beginning.
   */
  private rebuilding: Promise<void> = Promise.resolve();
  private advancing: Promise<void> = Promise.resolve();
  private callbackWrites: Promise<void> = Promise.resolve();
  private generation = 0;
  /** Changes on every rebuild, so a scenario can tell that the simulation it scheduled on is gone. */
  private buildCount = 0;
  private decorator: PublishDecorator | null = null;
  private readonly runs: SimulationRuns;
  private readonly backlog: DeliveryBacklogGate;
  /** The run whose ids the engine draws; a replay draws the recorded run's. */
  private runId = '';
  private replaying = false;
  /** Events of this run refused by the store: their Id was stored earlier with another body. */
  private refusedEvents = 0;
  /** Emitted payloads the outbox has not accepted yet, and who waits for them to drop (as fast as possible). */
  private unpublished = 0;
  private caughtUp: (() => void) | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organization: OrganizationService,
    private readonly publisher: EventPublisher,
    private readonly smartRouting: SmartRoutingService,
    config: AppConfig,
    @Inject(LANDIS_EVENT_SINK) private readonly landisSink: LandisEventSink,
    @InjectQueue(QueueName.Deliveries) deliveries: Queue,
  ) {
    this.settings = { seed: config.simulationSeed, startTime: new Date(), timeScale: config.timeScale, paused: false };
    this.runs = new SimulationRuns(dataSource);
    this.backlog = new DeliveryBacklogGate(async () => {
      const counts = await deliveries.getJobCounts('waiting', 'prioritized');
      return (counts.waiting ?? 0) + (counts.prioritized ?? 0);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.reset({ startTime: this.settings.startTime, paused: false });
    // A changed organisation is a new model: the engine is rebuilt as a new run, keeping its virtual time.
    this.changes = this.organization.changes.subscribe(() => {
      this.rebuilding = this.rebuilding.then(() => this.rebuild(true)).catch((e) => this.logger.error(`Rebuilding the simulation failed: ${String(e)}`));
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.changes?.unsubscribe();
    await this.scheduler?.close();
  }

  /**
   * Starts over from the organisation as configured: a new run, whose ids no earlier run shares
   * (same seed: same story, fresh ids); or, with `replayOf`, the recorded run again, ids included.
   */
  reset(settings: Partial<SimulationSettings>, choice: RunChoice = {}): Promise<void> {
    // In line with rebuilds and other resets: two at once would each build an engine from the
    // other's settings, and the first engine built would never be stopped.
    const done = this.rebuilding.then(() => this.resetNow(settings, choice));
    this.rebuilding = done.catch(() => undefined);
    return done;
  }

  private async resetNow(settings: Partial<SimulationSettings>, choice: RunChoice): Promise<void> {
    if (choice.replayOf) {
      const recorded = await this.runs.find(choice.replayOf);
      if (!recorded) throw new NotFoundError(`No recorded simulation run ${choice.replayOf}`);
      if (!recorded.organization) {
        throw new ConflictError(
          `Run ${recorded.id} began with an organisation change in the middle of a run; only runs started by a reset or at start-up can be replayed`,
        );
      }
      this.settings = { seed: recorded.seed, startTime: recorded.startTime, timeScale: recorded.timeScale, paused: recorded.paused };
      await this.rebuild(false, { id: recorded.id, replay: true, organization: recorded.organization });
      return;
    }
    const snapshot = await this.organization.snapshot();
    const organization = snapshot ? toOrganizationData(snapshot) : null;
    this.settings = {
      ...this.settings,
      ...settings,
      startTime: settings.startTime ?? new Date(),
      paused: settings.paused ?? false,
      asFastAsPossible: settings.asFastAsPossible ?? false,
    };
    const run = { seed: String(this.settings.seed), startTime: this.settings.startTime, timeScale: this.settings.timeScale, organization };
    const id = choice.runKey ? derivedRunKey(choice.runKey, run) : randomUUID();
    await this.runs.record({ ...run, id, paused: this.settings.paused });
    await this.rebuild(false, { id, replay: false, organization });
  }

  /**
   * Runs the paused clock forward by `seconds` of virtual time. Advances run one after the other:
   * one can wait on a SmartRouting answer while the next is asked for.
   */
  advance(seconds: number): Promise<void> {
    const done = this.advancing.then(() => this.advanceNow(seconds));
    this.advancing = done.catch(() => undefined);
    return done;
  }

  private async advanceNow(seconds: number): Promise<void> {
    const scheduler = this.scheduler;
    if (!scheduler) throw new UnavailableError('No organisation to simulate yet');
    if (!this.settings.paused) throw new ConflictError('The simulation runs in real time; reset it with Paused: true to advance it by hand');
    const left = VIRTUAL_TIME_END_MS - scheduler.nowMs();
    if (Math.round(seconds * 1000) > left) {
      throw new ValidationProblem(
        `Seconds: the virtual clock ends at ${new Date(VIRTUAL_TIME_END_MS).toISOString()} (an event Timestamp cannot be later); at most ${Math.floor(left / 1000)} from ${scheduler.now().toISOString()}`,
      );
    }
    await scheduler.advanceBy(Math.round(seconds * 1000));
    // A reset or an organisation change closed this engine part-way: the advance did not happen.
    if (scheduler !== this.scheduler)
      throw new ConflictError('The simulation was reset or rebuilt during the advance, which was cut short; advance the new run');
  }

  /** Lets a paused clock run in real time (scaled) from where it is. */
  resume(): void {
    if (!this.scheduler || !this.settings.paused) return;
    this.settings.paused = false;
    this.startClock(this.scheduler);
  }

  /** Stops the clock where it is (it then moves only by hand), as after a reset with Paused: true. */
  async pause(): Promise<void> {
    if (this.settings.paused) return;
    this.settings.paused = true;
    await this.scheduler?.stop();
  }

  private startClock(scheduler: Scheduler): void {
    if (this.settings.asFastAsPossible) scheduler.startAsFastAsPossible(() => this.publishingGate());
    else scheduler.start(this.settings.timeScale);
  }

  /**
   * Holds an unpaced engine while the outbox is behind, so emitted events do not pile up in memory,
   * and while the worker is far behind, so the queue (Redis memory) stays bounded too.
   */
  private publishingGate(): Promise<void> | null {
    if (this.unpublished >= MAX_UNPUBLISHED) return new Promise((resolve) => (this.caughtUp = resolve));
    return this.backlog.check();
  }

  state() {
    return {
      RunId: this.runId,
      Replay: this.replaying,
      Paused: this.settings.paused,
      Seed: this.settings.seed,
      TimeScale: this.settings.timeScale,
      AsFastAsPossible: this.settings.asFastAsPossible ?? false,
      StartTime: this.settings.startTime,
      Now: this.scheduler?.now() ?? null,
      Running: this.sim !== null,
      ActiveCalls: this.sim?.activeCalls().length ?? 0,
      EmittedEvents: this.sim?.emittedCount ?? 0,
      RefusedEvents: this.refusedEvents,
    };
  }

  /** Resolves once the engine reflects every organisation change made so far. */
  settled(): Promise<void> {
    return this.rebuilding;
  }

  /** Identifies the current engine instance; a reset or an organisation change makes a new one. */
  get buildId(): number {
    return this.buildCount;
  }

  /** Virtual now of the current engine. */
  nowMs(): number {
    if (!this.scheduler) throw new UnavailableError('No organisation to simulate yet');
    return this.scheduler.nowMs();
  }

  /**
   * Runs `task` on the engine's scheduler at virtual time `timeMs`, in order with everything the
   * simulation does, so work planned from a seed replays identically under any driver.
   */
  scheduleAt(timeMs: number, task: (sim: Simulation) => unknown, label: string): TaskHandle {
    const scheduler = this.scheduler;
    const sim = this.sim;
    if (!scheduler || !sim) throw new UnavailableError('No organisation to simulate yet');
    return scheduler.scheduleAt(timeMs, () => task(sim), label);
  }

  cancel(handle: TaskHandle): boolean {
    return this.scheduler?.cancel(handle) ?? false;
  }

  /** Sets (or, with null, removes) the options added to every payload published from now on. */
  decoratePublishing(decorator: PublishDecorator | null): void {
    this.decorator = decorator;
  }

  /** Waiting on the simulation needs its clock to run by itself. */
  requireRunningClock(what: string): void {
    if (this.settings.paused) throw new ConflictError(`${what} needs a running clock: the simulation is paused (POST /api/simulation/advance moves it)`);
  }

  /**
   * Resolves when the call has been routed: past SmartRouting and its first target (queuing,
   * ringing, connected, transferring or ended), or after `timeoutMs` (the SmartRouting time-out
   * and its own wait fit within it) with the state it has then.
   */
  async waitForRouting(callId: string, timeoutMs = ROUTED_WAIT_LIMIT_MS): Promise<CallInfo | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const info = this.sim?.callInfo(callId);
      if (!info || info.phase !== 'routing' || Date.now() >= deadline) return info;
      // The engine runs in this process: a short poll of its memory costs nothing measurable.
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Runs a command against the engine, turning its errors into HTTP answers. */
  run<T>(command: (sim: Simulation) => T): T {
    if (!this.sim) throw new UnavailableError('No organisation to simulate yet: create one (or start with DEMO_ORGANIZATION=true)');
    try {
      return command(this.sim);
    } catch (e) {
      if (e instanceof SimulationCommandError) {
        if (e.code === 'not-found') throw new NotFoundError(e.message);
        if (e.code === 'conflict') throw new ConflictError(e.message);
        throw new ValidationProblem(e.message);
      }
      throw e;
    }
  }

  /**
   * A new engine. `run` given: a run from its start, on the organisation it records (a replay's is
   * the recorded run's starting state, whatever the configuration is now). Omitted: the
   * organisation changed mid-run, so the engine continues on the stored one at the same virtual
   * time as a new run, keeping each user's availability (live state the configuration does not hold).
   */
  private async rebuild(keepTime = false, run?: { id: string; replay: boolean; organization: OrganizationData | null }): Promise<void> {
    const startMs = keepTime && this.scheduler ? this.scheduler.nowMs() : this.settings.startTime.getTime();
    let data: OrganizationData | null;
    if (run) data = run.organization ? structuredClone(run.organization) : null;
    else {
      const snapshot = await this.organization.snapshot();
      data = snapshot ? toOrganizationData(snapshot) : null;
    }
    // Closed, not only stopped: an advance in progress must not play the old engine on after this.
    await this.scheduler?.close();
    const previous = this.sim;
    const dropped = previous?.activeCalls().length ?? 0;
    if (dropped > 0) this.logger.warn(`The organisation changed: ${dropped} simulated calls in progress were dropped`);
    this.sim = null;
    this.scheduler = null;
    this.buildCount++;
    this.generation = keepTime ? this.generation + 1 : 0;
    const seed = this.generation === 0 ? this.settings.seed : `${this.settings.seed}/${this.generation}`;
    this.runId = run?.id ?? randomUUID();
    this.replaying = run?.replay ?? false;
    this.refusedEvents = 0;
    if (!run) {
      await this.runs.record({
        id: this.runId,
        seed: String(seed),
        startTime: new Date(startMs),
        timeScale: this.settings.timeScale,
        paused: this.settings.paused,
        organization: null,
      });
    }
    if (!data) return;
    if (keepTime && previous) {
      for (const user of data.users) {
        const live = previous.model.findUser(user.id);
        if (live) user.availability = live.availability;
      }
    }
    const scheduler = new Scheduler(new VirtualClock(startMs), {
      onError: (e, label) => this.logger.error(`Simulation task ${label} failed: ${e instanceof Error ? e.stack : String(e)}`),
    });
    this.sim = new Simulation(new OrganizationModel(data, startMs), {
      seed,
      runKey: this.runId,
      clock: scheduler,
      emit: (payload) => this.emit(payload),
      smartRouting: this.smartRouting,
      landis: this.landisOutput(),
    });
    this.scheduler = scheduler;
    if (!this.settings.paused) this.startClock(scheduler);
  }

  /** The engine's Landis records, to the sink; it asks the sink first, so a run without Landis subscriptions builds none. */
  private landisOutput(): LandisOutput {
    const sink = this.landisSink;
    return {
      wants: hasSubscriptionCheck(sink) ? (event) => sink.wants(event) : () => true,
      publish: (record) => {
        const input = { ...record, source: 'simulation' } as LandisEventInput;
        sink.publishLandis(input).catch((e) => this.logger.error(`Publishing ${input.webhookEvent} ${input.id} failed: ${String(e)}`));
      },
      failed: (e, callId) => this.logger.error(`The Landis record of call ${callId} could not be built: ${String(e)}`),
    };
  }

  private emit(payload: WebhookPayload): void {
    // Called synchronously inside the emitting task, so a decorator sees payloads in virtual-time order.
    const extra = this.decorator?.(payload) ?? null;
    const runId = this.runId;
    this.unpublished++;
    const publishing = extra ? { scenarioId: extra.scenarioId, delivery: extra.delivery } : {};
    // One then() with both handlers: one promise per event instead of three (this runs for every event).
    this.publisher.publish({ payload, source: extra?.scenarioId ? 'scenario' : 'simulation', ...publishing }).then(this.published, (e: unknown) => {
      if (e instanceof EventIdConflictError) {
        if (runId === this.runId) this.refusedEvents++;
        extra?.onRefused?.();
      }
      this.logger.error(`Publishing ${payload.EventType} ${payload.Id} failed: ${String(e)}`);
      this.published();
    });
    // Availability is the run's own state, not configuration: a reset starts from the configured one.
    if (payload.EventType === 'CallbackChanged') {
      const changed = payload;
      // In order, so a callback's stored state is its latest.
      this.callbackWrites = this.callbackWrites
        .then(() => this.storeCallback(changed))
        .catch((e) => this.logger.warn(`Storing callback state failed: ${String(e)}`));
    }
  }

  /** An emitted event is accepted by the outbox (or failed): it no longer counts against MAX_UNPUBLISHED. */
  private readonly published = (): void => {
    // Resumes at half the limit, so the engine runs in long stretches rather than event by event.
    if (--this.unpublished <= MAX_UNPUBLISHED / 2 && this.caughtUp) {
      this.caughtUp();
      this.caughtUp = null;
    }
  };

  private async storeCallback(payload: WebhookPayload<'CallbackChanged'>): Promise<void> {
    const closed = this.sim?.callback(payload.CallBackId)?.closed ?? false;
    await this.dataSource.query(
      `INSERT INTO callback_requests (id, call_list_id, is_closed, state, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (id) DO UPDATE SET is_closed = EXCLUDED.is_closed, state = EXCLUDED.state, updated_at = now()`,
      [payload.CallBackId, payload.CallListId, closed, JSON.stringify(payload)],
    );
  }
}
