import type { WebhookPayload } from '../catalog/payload.types';
import { createHash } from 'node:crypto';
import type { DeliveryTreatment } from '../events/event-publisher.service';
import { VIRTUAL_TIME_END_MS, type Simulation, type TaskHandle } from '../simulation/engine';
import type { PublishExtra, SimulationService } from '../simulation/simulation.service';
import type { PlannedCall } from './call-plan';
import type { ScenarioOptions } from './scenario-options';
import { treatmentFor } from './retry-treatment';

export type RunEnd = 'completed' | 'stopped' | 'interrupted';

/** How often, in virtual time, a run whose calls are all placed checks whether the simulation has settled. */
const SETTLE_PROBE_MS = 1000;

/**
 * The live part of one scenario: places the planned calls on the simulation's scheduler (one task
 * leads to the next, so stopping cancels a single handle) and tags what the simulation emits
 * until every call and wrap-up has ended. Decisions happen inside scheduler tasks, in virtual
 * time, so a replay with the same seed tags the same events and treats them the same way.
 */
export class ScenarioRun {
  placed = 0;
  failed = 0;
  emitted = 0;
  /** Emitted events the store refused (an Id stored earlier with another body): never stored as this run's, never delivered. */
  refused = 0;
  readonly duplicated: string[] = [];
  readonly outOfOrder: string[] = [];
  readonly settled: Promise<RunEnd>;
  private tagging = true;
  private next: TaskHandle | null = null;
  private readonly hash = createHash('sha256');
  private fingerprint: string | null = null;
  private finish!: (end: RunEnd) => void;
  private readonly treatment: DeliveryTreatment;
  private readonly countRefused = (): void => {
    this.refused++;
  };

  constructor(
    readonly id: string,
    readonly options: ScenarioOptions,
    readonly plan: readonly PlannedCall[],
    private readonly simulation: SimulationService,
    private readonly startMs: number,
    readonly buildId: number,
    private readonly onPlaced: (run: ScenarioRun) => void,
  ) {
    this.settled = new Promise((resolve) => (this.finish = resolve));
    this.treatment = options.retry.scheduleMs ? { retryScheduleMs: options.retry.scheduleMs } : {};
  }

  get planned(): number {
    return this.plan.length;
  }

  get isTagging(): boolean {
    return this.tagging;
  }

  /** SHA-256 of the emitted event Ids in emission order: two runs with equal fingerprints emitted the same stream. */
  get eventFingerprint(): string {
    this.fingerprint ??= this.hash.digest('hex');
    return this.fingerprint;
  }

  /** Schedules the first call; the caller resumes the (paused) clock afterwards. */
  begin(): void {
    this.simulation.decoratePublishing((payload) => this.decorate(payload));
    if (this.plan.length === 0) this.scheduleProbe(this.startMs);
    else this.schedulePlacement(0);
  }

  /** No new calls; events of calls in progress are no longer counted as the scenario's. */
  stop(end: RunEnd = 'stopped'): void {
    if (!this.tagging) return;
    if (this.next) this.simulation.cancel(this.next);
    this.next = null;
    this.end(end);
  }

  private decorate(payload: WebhookPayload): PublishExtra | null {
    if (!this.tagging) return null;
    const eventId = payload.Id;
    this.emitted++;
    this.hash.update(`${eventId}\n`);
    const t = treatmentFor(this.options.seed, eventId, this.options.retry);
    if (t.duplicate) this.duplicated.push(eventId);
    if (t.outOfOrder) this.outOfOrder.push(eventId);
    return {
      scenarioId: this.id,
      delivery: { ...this.treatment, duplicate: t.duplicate, ...(t.outOfOrder ? { holdBackMs: this.options.retry.holdBackMs } : {}) },
      onRefused: this.countRefused,
    };
  }

  private schedulePlacement(index: number): void {
    const call = this.plan[index];
    this.next = this.simulation.scheduleAt(this.startMs + call.atMs, (sim) => this.place(sim, index), `scenario ${this.id} call ${index + 1}`);
  }

  private place(sim: Simulation, index: number): void {
    if (!this.tagging) return;
    const call = this.plan[index];
    try {
      if (call.kind === 'queue') sim.placeQueueCall(call.target, call.script);
      else if (call.kind === 'direct') sim.placeDirectCall(call.target, call.script);
      else if (call.kind === 'outbound') sim.placeOutboundCall(call.target, call.number ?? '', call.script);
      else sim.createCallback(call.target, { contactNumber: call.number ?? '' });
      this.placed++;
    } catch {
      // A target removed from the organisation mid-run: counted, and the run goes on.
      this.failed++;
    }
    this.onPlaced(this);
    if (index + 1 < this.plan.length) this.schedulePlacement(index + 1);
    else this.scheduleProbe(this.startMs + call.atMs + SETTLE_PROBE_MS);
  }

  private scheduleProbe(atMs: number): void {
    // Nothing runs past the clock's end: what is still in progress there can emit no more.
    if (atMs > VIRTUAL_TIME_END_MS) {
      this.next = null;
      this.end('completed');
      return;
    }
    this.next = this.simulation.scheduleAt(atMs, (sim) => this.probe(sim, atMs), `scenario ${this.id} settle`);
  }

  /** Settled = no call in progress and nobody in wrap-up: nothing the scenario started can still emit. */
  private probe(sim: Simulation, atMs: number): void {
    if (!this.tagging) return;
    const busy = sim.activeCalls().length > 0 || sim.model.userList.some((u) => u.runtime.wrapUp !== null);
    if (busy) this.scheduleProbe(atMs + SETTLE_PROBE_MS);
    else {
      this.next = null;
      this.end('completed');
    }
  }

  private end(end: RunEnd): void {
    this.tagging = false;
    this.simulation.decoratePublishing(null);
    this.finish(end);
  }
}
