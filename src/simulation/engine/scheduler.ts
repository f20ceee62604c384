import { MinHeap } from './min-heap';
import { VIRTUAL_TIME_END_MS, VirtualClock } from './virtual-clock';

/**
 * Discrete-event scheduler over a VirtualClock. Tasks run in (time, insertion sequence) order, one
 * at a time; a task may return a Promise, which is awaited before the next task starts, so an
 * asynchronous step (a SmartRouting decision) happens "during" the simulated call without
 * anything else slipping in between. Because order depends only on virtual times and sequence
 * numbers, the manual and the real-time driver produce the same run for the same inputs.
 */

/** A task's result is ignored unless it is a promise, which is awaited before the next task. */
export type Task = () => unknown;

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';

/** What schedule() returns; pass it to cancel(). */
export interface TaskHandle {
  readonly time: number;
  readonly sequence: number;
  readonly label: string;
}

/** The part of the scheduler a simulation needs: virtual "now" and timers. */
export interface SimulationClock {
  now(): Date;
  nowMs(): number;
  schedule(delayMs: number, task: Task, label?: string): TaskHandle;
  scheduleAt(timeMs: number, task: Task, label?: string): TaskHandle;
  /** False when the task already ran or was cancelled. */
  cancel(handle: TaskHandle): boolean;
}

export interface SchedulerOptions {
  /**
   * Real-time driver: called when a task throws, and the driver carries on. Without it the driver
   * stops and keeps the error in `failure` (a silent carry-on would hide broken runs).
   */
  onError?: (error: unknown, label: string) => void;
  /** Monotonic wall clock in milliseconds; injectable for tests. */
  wallClock?: () => number;
}

interface Entry extends TaskHandle {
  readonly task: Task;
  state: 'pending' | 'cancelled' | 'done';
}

interface RealTimeState {
  /** Infinity: as fast as possible (each task runs as soon as the one before it ended). */
  readonly timeScale: number;
  readonly wallStart: number;
  readonly virtualStart: number;
  /** As fast as possible: awaited between slices of tasks, so whoever consumes the events can hold the engine back. */
  readonly gate: (() => Promise<void> | null) | null;
}

/** As fast as possible, the driver gives the event loop a turn after this many tasks (I/O, timers, HTTP). */
const FLAT_OUT_SLICE = 256;

interface IdleWaiter {
  resolve: () => void;
  reject: (error: unknown) => void;
}

/** setTimeout's ceiling; longer waits are re-armed. */
const MAX_TIMER_MS = 2 ** 31 - 1;
const DEFAULT_IDLE_LIMIT_MS = 24 * 3600 * 1000;

export class Scheduler implements SimulationClock {
  /** Set when the real-time driver stopped because a task threw (and no onError was given). */
  failure: unknown = undefined;

  private readonly heap = new MinHeap<Entry>((a, b) => a.time - b.time || a.sequence - b.sequence);
  private readonly wall: () => number;
  private sequence = 0;
  private live = 0;
  private inTask = false;
  private manualRunning = false;
  /** The running advanceTo/runUntilIdle, so close() can wait for it to let go. */
  private manualDone: Promise<void> = Promise.resolve();
  private endManual: () => void = () => undefined;
  /** Set by close(): this scheduler's engine is being replaced, and none of its tasks may run any more. */
  private closed = false;
  private realTime: RealTimeState | null = null;
  private pumpActive = false;
  private pumpDone: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private idleWaiters: IdleWaiter[] = [];

  constructor(
    readonly clock: VirtualClock = new VirtualClock(),
    private readonly options: SchedulerOptions = {},
  ) {
    this.wall = options.wallClock ?? (() => performance.now());
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  /** Virtual now; under the real-time driver, outside a task, it first catches up with wall time. */
  nowMs(): number {
    this.syncToWall();
    return this.clock.nowMs;
  }

  /** Tasks still waiting to run. */
  get pendingCount(): number {
    return this.live;
  }

  get isRealTime(): boolean {
    return this.realTime !== null;
  }

  schedule(delayMs: number, task: Task, label = 'task'): TaskHandle {
    if (!(delayMs >= 0) || !Number.isFinite(delayMs)) throw new Error(`Task delay must be a finite number >= 0, got ${delayMs}`);
    return this.scheduleAt(this.nowMs() + delayMs, task, label);
  }

  /** A time in the past runs at the current time (after what is already due then). */
  scheduleAt(timeMs: number, task: Task, label = 'task'): TaskHandle {
    if (!Number.isFinite(timeMs)) throw new Error(`Task time must be finite, got ${timeMs}`);
    const entry: Entry = { time: Math.max(Math.round(timeMs), this.clock.nowMs), sequence: this.sequence++, label, task, state: 'pending' };
    this.heap.push(entry);
    this.live++;
    this.wake();
    return entry;
  }

  cancel(handle: TaskHandle): boolean {
    const entry = handle as Entry;
    if (entry.state !== 'pending') return false;
    entry.state = 'cancelled'; // lazily dropped when it reaches the top of the heap
    this.live--;
    this.notifyIdle();
    return true;
  }

  // ---- manual driver -------------------------------------------------------------------------

  /** Runs every task due within `ms` from now, then leaves the clock at now + ms. Returns tasks run. */
  async advanceBy(ms: number): Promise<number> {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new Error(`advanceBy needs a finite number >= 0, got ${ms}`);
    return this.advanceTo(this.clock.nowMs + ms);
  }

  /** Stops at the clock's end (VIRTUAL_TIME_END_MS): tasks due later never run. */
  async advanceTo(targetMs: number): Promise<number> {
    const timeMs = Math.min(targetMs, VIRTUAL_TIME_END_MS);
    this.enterManual();
    try {
      let ran = 0;
      for (let next = this.peekLive(); next && next.time <= timeMs && !this.closed; next = this.peekLive()) {
        await this.runEntry(next);
        ran++;
      }
      if (timeMs > this.clock.nowMs && !this.closed) this.clock.advanceTo(timeMs);
      return ran;
    } finally {
      this.leaveManual();
    }
  }

  /**
   * Runs tasks until none are left (true; the clock stays at the last task's time) or the next one
   * lies beyond `maxMs` from now (false; the clock moves to that limit).
   */
  async runUntilIdle(maxMs = DEFAULT_IDLE_LIMIT_MS): Promise<boolean> {
    if (!(maxMs >= 0)) throw new Error(`runUntilIdle needs maxMs >= 0, got ${maxMs}`);
    this.enterManual();
    const limit = Math.min(this.clock.nowMs + maxMs, VIRTUAL_TIME_END_MS);
    try {
      for (;;) {
        const next = this.peekLive();
        if (!next || this.closed) return !next;
        if (next.time > limit) {
          this.clock.advanceTo(limit);
          return false;
        }
        await this.runEntry(next);
      }
    } finally {
      this.leaveManual();
    }
  }

  // ---- real-time driver ----------------------------------------------------------------------

  /** Runs each task once wall time elapsed since start() * timeScale reaches it. */
  start(timeScale = 1): void {
    if (!(timeScale > 0) || !Number.isFinite(timeScale)) throw new Error(`timeScale must be a finite number > 0, got ${timeScale}`);
    if (this.closed) return; // a replaced engine stays still
    if (this.realTime) throw new Error('The real-time driver is already running');
    if (this.manualRunning) throw new Error('The manual driver is running');
    this.failure = undefined;
    this.realTime = { timeScale, wallStart: this.wall(), virtualStart: this.clock.nowMs, gate: null };
    this.arm(0);
  }

  /**
   * The real-time driver without pacing: tasks run in the same order as at any time scale, each
   * as soon as the one before it ended, the virtual clock jumping from one to the next. Every
   * FLAT_OUT_SLICE tasks the event loop gets a turn; `gate` (when it returns a promise) holds the
   * driver until whoever consumes the events has caught up.
   */
  startAsFastAsPossible(gate: (() => Promise<void> | null) | null = null): void {
    if (this.closed) return;
    if (this.realTime) throw new Error('The real-time driver is already running');
    if (this.manualRunning) throw new Error('The manual driver is running');
    this.failure = undefined;
    this.realTime = { timeScale: Infinity, wallStart: this.wall(), virtualStart: this.clock.nowMs, gate };
    this.arm(0);
  }

  /** Stops after the running task (if any) finishes; the clock keeps the virtual time reached. */
  async stop(): Promise<void> {
    if (!this.realTime) return this.pumpDone;
    this.syncToWall();
    this.realTime = null;
    this.clearTimer();
    await this.pumpDone;
  }

  /**
   * Stops both drivers for good (its engine is being replaced): the task running now finishes, and
   * no other task runs, under the real-time driver or in an advance in progress, which ends early.
   */
  async close(): Promise<void> {
    this.closed = true;
    await this.stop();
    await this.manualDone;
  }

  /** Resolves once no task is pending or running; rejects if the real-time driver failed. */
  whenIdle(): Promise<void> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    if (this.live === 0 && !this.inTask) return Promise.resolve();
    return new Promise((resolve, reject) => this.idleWaiters.push({ resolve, reject }));
  }

  // ---- internals -----------------------------------------------------------------------------

  private enterManual(): void {
    if (this.realTime) throw new Error('The real-time driver is running; stop() it before driving the clock by hand');
    if (this.manualRunning) throw new Error('The clock is already being advanced; await the previous call first');
    this.manualRunning = true;
    this.manualDone = new Promise((resolve) => (this.endManual = resolve));
  }

  private leaveManual(): void {
    this.manualRunning = false;
    this.endManual();
    this.notifyIdle();
  }

  private peekLive(): Entry | undefined {
    let top = this.heap.peek();
    while (top && top.state === 'cancelled') {
      this.heap.pop();
      top = this.heap.peek();
    }
    return top;
  }

  private async runEntry(entry: Entry): Promise<void> {
    this.heap.pop();
    entry.state = 'done';
    this.live--;
    this.clock.advanceTo(entry.time);
    this.inTask = true;
    try {
      const result = entry.task();
      if (isThenable(result)) await result;
    } finally {
      this.inTask = false;
    }
  }

  private notifyIdle(): void {
    if (this.live > 0 || this.inTask || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const waiter of waiters) waiter.resolve();
  }

  private virtualTarget(state: RealTimeState): number {
    if (state.timeScale === Infinity) return Infinity;
    return state.virtualStart + (this.wall() - state.wallStart) * state.timeScale;
  }

  /**
   * Lets commands issued between tasks carry the wall-derived virtual time, but never past the next
   * pending task, so the clock still only moves forward and due tasks keep their own times.
   */
  private syncToWall(): void {
    if (!this.realTime || this.inTask) return;
    // As fast as possible the target is Infinity, which must stay so (see below), not become the end.
    const wallTarget = Math.floor(this.virtualTarget(this.realTime));
    let target = Number.isFinite(wallTarget) ? Math.min(wallTarget, VIRTUAL_TIME_END_MS) : wallTarget;
    const next = this.peekLive();
    if (next) target = Math.min(target, next.time);
    // As fast as possible with nothing pending: virtual time stands still until something is scheduled.
    if (target > this.clock.nowMs && Number.isFinite(target)) this.clock.advanceTo(target);
  }

  /** New work under the real-time driver: re-evaluate (deferred, so schedule() never runs a task itself). */
  private wake(): void {
    if (this.realTime && !this.pumpActive) this.arm(0);
  }

  private arm(delayMs: number): void {
    this.clearTimer();
    this.timer = setTimeout(
      () => {
        this.timer = null;
        if (!this.realTime || this.pumpActive) return;
        this.pumpActive = true;
        this.pumpDone = this.pump();
      },
      Math.min(delayMs, MAX_TIMER_MS),
    );
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async pump(): Promise<void> {
    let slice = 0;
    for (;;) {
      const state = this.realTime;
      const next = this.peekLive();
      // schedule() wakes the driver again; a task past the clock's end never runs.
      if (!state || !next || next.time > VIRTUAL_TIME_END_MS) break;
      const aheadMs = next.time - this.virtualTarget(state);
      if (aheadMs > 0) {
        this.arm(Math.ceil(aheadMs / state.timeScale));
        break;
      }
      try {
        await this.runEntry(next);
      } catch (error) {
        if (!this.options.onError) {
          this.fail(error);
          break;
        }
        this.options.onError(error, next.label);
      }
      this.notifyIdle();
      if (state.timeScale === Infinity && ++slice >= FLAT_OUT_SLICE) {
        slice = 0;
        await (state.gate?.() ?? new Promise<void>((resolve) => setImmediate(resolve)));
      }
    }
    this.pumpActive = false;
  }

  private fail(error: unknown): void {
    this.failure = error;
    this.realTime = null;
    this.clearTimer();
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const waiter of waiters) waiter.reject(error);
  }
}
