import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SimulationService } from '../simulation/simulation.service';
import { planCalls, usableKinds, type CallTargets } from './call-plan';
import type { CreateScenarioDto } from './dto/create-scenario.dto';
import { ScenarioEntity, type ScenarioStatus } from './scenario.entity';
import { ScenarioMetrics } from './scenario-metrics';
import { presentScenario, type ScenarioProgress } from './scenario.presenter';
import { buildScenarioReport, scenarioCounts } from './scenario-report';
import { toScenarioOptions, type ScenarioOptions } from './scenario-options';
import { ScenarioRun } from './scenario-run';
import { ConflictError, NotFoundError, ValidationProblem } from '../common/errors/domain-errors';

/** How long a finished run waits for its accepted deliveries to end before reporting anyway. */
const DRAIN_LIMIT_MS = 10 * 60_000;
const DRAIN_POLL_MS = 200;
/** How often a running scenario checks that its simulation was not reset underneath it. */
const WATCHDOG_MS = 250;

const badRequest = (message: string): ValidationProblem => new ValidationProblem([message]);

/**
 * Starts, watches and stops scenarios. One at a time per process: a scenario owns the (single)
 * simulation while it runs. Finished runs and their reports live in PostgreSQL.
 */
@Injectable()
export class ScenariosService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(ScenariosService.name);
  /** Runs not yet reported: the one placing calls (if any) and those draining their deliveries. */
  private readonly live = new Map<string, { run: ScenarioRun; completion: Promise<void> }>();
  /** Set from the moment a start is accepted, so two concurrent starts cannot both reset the simulation. */
  private starting = false;
  private closing = false;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly simulation: SimulationService,
    private readonly metrics: ScenarioMetrics,
  ) {}

  private get repo() {
    return this.db.getRepository(ScenarioEntity);
  }

  async onApplicationBootstrap(): Promise<void> {
    // A run lives in the memory of the process that started it; after a restart it cannot go on.
    await this.repo
      .createQueryBuilder()
      .update()
      .set({ status: 'interrupted', error: 'The emulator stopped during the run', finishedAt: () => 'now()' })
      .where('status IN (:...open)', { open: ['running', 'draining'] })
      .execute();
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    for (const { run } of this.live.values()) run.stop('interrupted');
    await Promise.all([...this.live.values()].map((l) => l.completion));
  }

  async start(dto: CreateScenarioDto) {
    // On the organisation as it is now (a change just made is rebuilt first); then checked and
    // marked starting with no await in between, so two starts cannot both pass.
    await this.simulation.settled();
    // One places calls at a time; a stopped or finished one still draining its deliveries does not hold the next back.
    const placing = [...this.live.values()].find((l) => l.run.isTagging)?.run;
    if (this.starting || placing) throw new ConflictError(`A scenario is still running (${placing?.id ?? 'starting'}); stop it first`);
    const options = toScenarioOptions(dto);
    const targets = this.simulation.run((sim) => this.targets(sim.model, options));
    if (usableKinds(options, targets).length === 0) throw badRequest('Mix: the organisation has no queue, user or call list for the chosen shares');
    const plan = planCalls(options, targets);
    this.starting = true;
    try {
      const row = await this.repo.save(
        this.repo.create({
          id: randomUUID(),
          status: 'running',
          seed: options.seed,
          timeScale: options.timeScale,
          options: { ...dto, Seed: options.seed } as unknown as Record<string, unknown>,
          callsPlanned: plan.length,
          report: null,
          error: null,
          finishedAt: null,
        }),
      );
      const startTime = options.startTime ?? new Date();
      // Paused while the plan is scheduled, so the first call is not late (and thus not shifted) by set-up time.
      // Keyed by the whole plan: the same scenario on the same organisation replays its Ids exactly.
      await this.simulation.reset(
        { seed: options.seed, startTime, timeScale: options.timeScale, paused: true, asFastAsPossible: options.asFastAsPossible },
        // Pacing is not part of the plan: unpaced, the same scenario plays the same events under the same Ids as at TimeScale 1.
        { runKey: JSON.stringify({ ...options, asFastAsPossible: undefined }) },
      );
      const run = new ScenarioRun(row.id, options, plan, this.simulation, startTime.getTime(), this.simulation.buildId, (r) =>
        this.metrics.setProgress(r.id, r.placed + r.failed, r.planned),
      );
      this.metrics.setProgress(run.id, 0, run.planned);
      run.begin();
      this.simulation.resume();
      this.live.set(run.id, { run, completion: this.complete(run, row) });
      return this.view(row);
    } finally {
      this.starting = false;
    }
  }

  async stop(id: string) {
    const row = await this.find(id);
    const run = this.live.get(id)?.run;
    if (!run) throw new ConflictError(`Scenario ${id} has already finished (${row.status})`);
    run.stop('stopped');
    return this.view(row);
  }

  async get(id: string) {
    return this.view(await this.find(id));
  }

  async list(limit: number) {
    const rows = await this.repo.find({ order: { startedAt: 'DESC' }, take: limit });
    return Promise.all(rows.map((r) => this.view(r, false)));
  }

  private targets(
    model: {
      findQueue(ref: string): { id: string } | undefined;
      queueList: readonly { id: string }[];
      userList: readonly { id: string }[];
      callListList: readonly { id: string }[];
    },
    options: ScenarioOptions,
  ): CallTargets {
    const queues = options.queues
      ? options.queues.map((ref, i) => {
          const queue = model.findQueue(ref);
          if (!queue) throw badRequest(`Queues[${i}]: no queue with id or number ${JSON.stringify(ref)}`);
          return queue.id;
        })
      : model.queueList.map((q) => q.id);
    return { queues, users: model.userList.map((u) => u.id), callLists: model.callListList.map((l) => l.id) };
  }

  private async find(id: string): Promise<ScenarioEntity> {
    const row = await this.repo.findOneBy({ id });
    if (!row) throw new NotFoundError(`No scenario ${id}`);
    return row;
  }

  private async view(row: ScenarioEntity, withReport = true) {
    const run = this.live.get(row.id)?.run ?? null;
    let progress: ScenarioProgress;
    if (run) {
      const counts = await scenarioCounts(this.db, row.id);
      progress = {
        CallsPlanned: run.planned,
        CallsPlaced: run.placed,
        CallsFailed: run.failed,
        Share: run.planned === 0 ? 1 : (run.placed + run.failed) / run.planned,
        EventsEmitted: run.emitted,
        Deliveries: counts.deliveries,
      };
    } else {
      const report = row.report as { Events?: { Total?: number }; Deliveries?: { ByStatus?: Record<string, number> } } | null;
      progress = {
        CallsPlanned: row.callsPlanned,
        CallsPlaced: row.callsPlaced,
        CallsFailed: row.callsFailed,
        Share: row.callsPlanned === 0 ? 1 : (row.callsPlaced + row.callsFailed) / row.callsPlanned,
        EventsEmitted: report?.Events?.Total ?? 0,
        Deliveries: report?.Deliveries?.ByStatus ?? {},
      };
    }
    return presentScenario(run ? { ...row, status: run.isTagging ? 'running' : 'draining' } : row, progress, withReport);
  }

  /** Waits for the run to settle, then for its accepted deliveries to end; then stores the report. */
  private async complete(run: ScenarioRun, row: ScenarioEntity): Promise<void> {
    const watchdog = setInterval(() => {
      if (this.simulation.buildId !== run.buildId) run.stop('interrupted');
    }, WATCHDOG_MS);
    let status: ScenarioStatus = 'failed';
    let error: string | null = null;
    try {
      const end = await run.settled;
      clearInterval(watchdog);
      // Unpaced, a clock left running would race through every timer still set (callback expiries, availability ends).
      if (run.options.asFastAsPossible && this.simulation.buildId === run.buildId) await this.simulation.pause();
      status = end;
      if (end === 'interrupted' && !this.closing) error = 'The simulation was reset or rebuilt during the run';
      await this.repo.update(row.id, { status: 'draining', callsPlaced: run.placed, callsFailed: run.failed });
      if (!(await this.drain(run))) error ??= `Deliveries were still unfinished after ${DRAIN_LIMIT_MS / 1000} s; the report shows them as such`;
      const report = await buildScenarioReport(
        this.db,
        run.id,
        { Planned: run.planned, Placed: run.placed, Failed: run.failed },
        {
          Schedule: (row.options.Retry as { Schedule?: string } | undefined)?.Schedule ?? null,
          Duplicated: run.duplicated,
          OutOfOrder: run.outOfOrder,
        },
      );
      if (run.refused > 0) {
        error ??= `${run.refused} events were refused and not delivered: their Ids were stored earlier with other bodies (an earlier run of the same plan went otherwise, e.g. a SmartRouting endpoint answered differently)`;
      }
      const stored = { ...report, Events: { ...report.Events, Refused: run.refused, Fingerprint: run.eventFingerprint } };
      await this.repo.save({
        ...row,
        status,
        error,
        callsPlaced: run.placed,
        callsFailed: run.failed,
        report: stored as unknown as Record<string, unknown>,
        finishedAt: new Date(),
      });
    } catch (e) {
      this.logger.error(`Scenario ${run.id} failed: ${e instanceof Error ? e.stack : String(e)}`);
      await this.repo.update(row.id, { status: 'failed', error: String(e), finishedAt: new Date() }).catch(() => undefined);
    } finally {
      clearInterval(watchdog);
      this.live.delete(run.id);
    }
  }

  /** True once every event the run emitted is stored and none of its deliveries is pending or retrying. */
  private async drain(run: ScenarioRun): Promise<boolean> {
    const started = Date.now();
    while (!this.closing && Date.now() - started < DRAIN_LIMIT_MS) {
      const counts = await scenarioCounts(this.db, run.id);
      const unfinished = (counts.deliveries.pending ?? 0) + (counts.deliveries.retrying ?? 0);
      // A refused event is never stored as this run's: waiting for it would wait for the drain limit.
      if (counts.events + run.refused >= run.emitted && unfinished === 0) return true;
      await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
    }
    return false;
  }
}
