import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { EventPublisher, type PublishInput } from '../events/event-publisher.service';
import type { Availability } from '../organization/organization.entities';
import { OrganizationService } from '../organization/organization.service';
import { SmartRoutingService } from '../smart-routing/smart-routing.service';
import { OrganizationModel, Scheduler, Simulation, SimulationCommandError, VirtualClock, type TaskHandle } from './engine';
import { toOrganizationData } from './simulation-model.mapper';
import { ConflictError, NotFoundError, UnavailableError, ValidationProblem } from '../common/errors/domain-errors';

export interface SimulationSettings {
  seed: string | number;
  startTime: Date;
  timeScale: number;
  /** The clock runs only when advanced by hand (exact, wall-clock-free replays). */
  paused: boolean;
}

/** Extra publishing options for one emitted payload (a scenario tags its events and picks retry treatments). */
export type PublishDecorator = (payload: Record<string, unknown>) => Pick<PublishInput, 'scenarioId' | 'delivery'> | null;

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
  private callbackWrites: Promise<void> = Promise.resolve();
  private generation = 0;
  /** Changes on every rebuild, so a scenario can tell that the simulation it scheduled on is gone. */
  private buildCount = 0;
  private decorator: PublishDecorator | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organization: OrganizationService,
    private readonly publisher: EventPublisher,
    private readonly smartRouting: SmartRoutingService,
    config: AppConfig,
  ) {
    this.settings = { seed: config.simulationSeed, startTime: new Date(), timeScale: config.timeScale, paused: false };
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.rebuild();
    // A changed organisation is a new model: the engine is rebuilt, keeping its virtual time.
    this.changes = this.organization.changes.subscribe(() => {
      this.rebuilding = this.rebuilding.then(() => this.rebuild(true)).catch((e) => this.logger.error(`Rebuilding the simulation failed: ${String(e)}`));
    });
  }

  async onModuleDestroy(): Promise<void> {
    this.changes?.unsubscribe();
    await this.scheduler?.stop();
  }

  /** Starts over with a seed, a virtual start time and a time scale: the way to replay a run. */
  async reset(settings: Partial<SimulationSettings>): Promise<void> {
    this.settings = { ...this.settings, ...settings, startTime: settings.startTime ?? new Date(), paused: settings.paused ?? false };
    await this.rebuild(false);
  }

  /** Runs the paused clock forward by `seconds` of virtual time. */
  async advance(seconds: number): Promise<void> {
    if (!this.scheduler) throw new UnavailableError('No organisation to simulate yet');
    if (!this.settings.paused) throw new ConflictError('The simulation runs in real time; reset it with Paused: true to advance it by hand');
    await this.scheduler.advanceBy(Math.round(seconds * 1000));
  }

  /** Lets a paused clock run in real time (scaled) from where it is. */
  resume(): void {
    if (!this.scheduler || !this.settings.paused) return;
    this.settings.paused = false;
    this.scheduler.start(this.settings.timeScale);
  }

  state() {
    return {
      Paused: this.settings.paused,
      Seed: this.settings.seed,
      TimeScale: this.settings.timeScale,
      StartTime: this.settings.startTime,
      Now: this.scheduler?.now() ?? null,
      Running: this.sim !== null,
      ActiveCalls: this.sim?.activeCalls().length ?? 0,
      EmittedEvents: this.sim?.emittedCount ?? 0,
    };
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

  private async rebuild(keepTime = false): Promise<void> {
    const snapshot = await this.organization.snapshot();
    const startMs = keepTime && this.scheduler ? this.scheduler.nowMs() : this.settings.startTime.getTime();
    await this.scheduler?.stop();
    const dropped = this.sim?.activeCalls().length ?? 0;
    if (dropped > 0) this.logger.warn(`The organisation changed: ${dropped} simulated calls in progress were dropped`);
    this.sim = null;
    this.scheduler = null;
    this.buildCount++;
    if (!snapshot) return;
    const scheduler = new Scheduler(new VirtualClock(startMs), {
      onError: (e, label) => this.logger.error(`Simulation task ${label} failed: ${e instanceof Error ? e.stack : String(e)}`),
    });
    this.generation = keepTime ? this.generation + 1 : 0;
    this.sim = new Simulation(new OrganizationModel(toOrganizationData(snapshot), startMs), {
      seed: this.generation === 0 ? this.settings.seed : `${this.settings.seed}/${this.generation}`,
      clock: scheduler,
      emit: (payload) => this.emit(payload),
      smartRouting: this.smartRouting,
    });
    this.scheduler = scheduler;
    if (!this.settings.paused) scheduler.start(this.settings.timeScale);
  }

  private emit(payload: Record<string, unknown>): void {
    // Called synchronously inside the emitting task, so a decorator sees payloads in virtual-time order.
    const extra = this.decorator?.(payload) ?? null;
    this.publisher.publish({ payload, source: extra?.scenarioId ? 'scenario' : 'simulation', ...extra }).catch((e) => this.logger.error(`Publishing ${String(payload.EventType)} failed: ${String(e)}`));
    // The stored model follows what the simulation did, so it survives a restart.
    if (payload.EventType === 'UserAvailability') {
      void this.organization.storeAvailability(String(payload.UserId), payload.Availability as Availability).catch(() => undefined);
    } else if (payload.EventType === 'CallbackChanged') {
      // In order, so a callback's stored state is its latest.
      this.callbackWrites = this.callbackWrites
        .then(() => this.storeCallback(payload))
        .catch((e) => this.logger.warn(`Storing callback state failed: ${String(e)}`));
    }
  }

  private async storeCallback(payload: Record<string, unknown>): Promise<void> {
    const closed = this.sim?.callback(String(payload.CallBackId))?.closed ?? false;
    await this.dataSource.query(
      `INSERT INTO callback_requests (id, call_list_id, is_closed, state, updated_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (id) DO UPDATE SET is_closed = EXCLUDED.is_closed, state = EXCLUDED.state, updated_at = now()`,
      [payload.CallBackId, payload.CallListId, closed, JSON.stringify(payload)],
    );
  }
}
