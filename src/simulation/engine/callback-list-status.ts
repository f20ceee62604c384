import type { EventValues } from './event-sink';
import type { CallbackRequestData } from './organization-data';
import type { OrganizationModel, SimCallList } from './organization-model';
import type { SimContext } from './sim-context';
import type { TaskHandle } from './scheduler';

export const CALLBACK_LIST_STATUS_INTERVAL_MS = 15_000;
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * CallbackListStatus for one list at `nowMs`. Open = not closed. "Will expire today" is read as
 * "expires within 24 hours"; hidden = NotBefore still ahead; free for allocation = open, not
 * assigned and not hidden. Agents: active = attached and active; serving = "Serving_CallbackLists".
 */
export function callbackListStatusValues(model: OrganizationModel, list: SimCallList, nowMs: number): EventValues<'CallbackListStatus'> {
  const open = model.callbackList.filter((r) => r.callListId === list.id && !r.closed);
  const count = (test: (r: CallbackRequestData) => boolean): number => open.filter(test).length;
  const at = (date: Date | null): number | null => (date ? date.getTime() : null);
  const within = (date: Date | null, spanMs: number, includeNow = false): boolean => {
    const t = at(date);
    return t !== null && (includeNow ? t >= nowMs : t > nowMs) && t <= nowMs + spanMs;
  };
  const hidden = (r: CallbackRequestData): boolean => (at(r.notBefore) ?? -Infinity) > nowMs;

  let active = 0;
  let serving = 0;
  let activeAndServing = 0;
  for (const attachment of list.attachedUsers) {
    const user = model.findUser(attachment.userId);
    if (!user) continue;
    const isServing = model.isServingCallbacks(user);
    if (attachment.active) active++;
    if (isServing) serving++;
    if (attachment.active && isServing) activeAndServing++;
  }
  return {
    CallListId: list.id,
    // Expiry closes the request at that instant; until then it still counts as expiring.
    ExpiresIn24h: count((r) => within(r.expiryDate, DAY_MS, true)),
    IsAutoAllocate: list.isAutoAllocate,
    NextHourOverDueDate: count((r) => within(r.dueDate, HOUR_MS)),
    NextHourRevealedNotBefore: count((r) => within(r.notBefore, HOUR_MS)),
    TotalActiveAgents: active,
    TotalAssigned: count((r) => r.assignedUserId !== null),
    TotalAutoAllocateAgents: activeAndServing,
    TotalFreeForAllocation: count((r) => r.assignedUserId === null && !hidden(r)),
    TotalHidingNotBefore: count(hidden),
    TotalOpenRequests: open.length,
    TotalOverDueDate: count((r) => (at(r.dueDate) ?? Infinity) <= nowMs),
    TotalServingAgents: serving,
    TotalServingAutoAllocateAgents: list.isAutoAllocate ? activeAndServing : 0,
  };
}

/** The next instant after `nowMs` at which a time-based counter of any open request changes. */
export function nextStatusThreshold(model: OrganizationModel, nowMs: number): number | null {
  let next: number | null = null;
  const consider = (t: number): void => {
    if (t > nowMs && (next === null || t < next)) next = t;
  };
  for (const r of model.callbackList) {
    if (r.closed) continue;
    if (r.dueDate) [r.dueDate.getTime() - HOUR_MS, r.dueDate.getTime()].forEach(consider);
    if (r.notBefore) [r.notBefore.getTime() - HOUR_MS, r.notBefore.getTime()].forEach(consider);
    if (r.expiryDate) consider(r.expiryDate.getTime() - DAY_MS); // leaving the count is the expiry itself, a change
  }
  return next;
}

/**
 * Evaluates list statuses on a 15-second grid from the simulation start and emits, per list, only
 * a status that differs from the one last emitted (the state at start is the baseline). Rather
 * than ticking forever, it schedules an evaluation only when something changed or a time-based
 * counter is due to change, which gives the same output and lets the scheduler go idle.
 */
export class CallbackListStatusMonitor {
  private readonly last = new Map<string, string>();
  private pending: TaskHandle | null = null;
  private lastEvaluationMs: number | null = null;

  constructor(
    private readonly ctx: SimContext,
    private readonly originMs: number,
  ) {
    for (const list of ctx.model.callListList) this.last.set(list.id, JSON.stringify(callbackListStatusValues(ctx.model, list, originMs)));
    this.scheduleFor(nextStatusThreshold(ctx.model, originMs));
  }

  /** A request or a list changed: evaluate at the first grid point strictly after now. */
  markChanged(): void {
    this.scheduleFor(this.ctx.clock.nowMs() + 1);
  }

  /** Evaluate at the first grid point at or after `atMs` (a counter that changes at T is seen at T). */
  private scheduleFor(atMs: number | null): void {
    if (atMs === null) return;
    const interval = CALLBACK_LIST_STATUS_INTERVAL_MS;
    let gridMs = this.originMs + Math.ceil((atMs - this.originMs) / interval) * interval;
    if (this.lastEvaluationMs !== null && gridMs <= this.lastEvaluationMs) gridMs = this.lastEvaluationMs + interval;
    if (this.pending && this.pending.time <= gridMs) return;
    if (this.pending) this.ctx.clock.cancel(this.pending);
    this.pending = this.ctx.clock.scheduleAt(gridMs, () => this.evaluate(), 'callback list status');
  }

  private evaluate(): void {
    const now = this.ctx.clock.nowMs();
    this.pending = null;
    this.lastEvaluationMs = now;
    for (const list of this.ctx.model.callListList) {
      const values = callbackListStatusValues(this.ctx.model, list, now);
      const key = JSON.stringify(values);
      if (this.last.get(list.id) === key) continue;
      this.last.set(list.id, key);
      this.ctx.sink.emit('CallbackListStatus', values, this.ctx.streams(`callList:${list.id}`));
    }
    this.scheduleFor(nextStatusThreshold(this.ctx.model, now));
  }
}
