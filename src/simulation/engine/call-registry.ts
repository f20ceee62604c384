import type { SimCall } from './sim-call';

/**
 * Every call the simulation knows, plus which calls each queue holds (queuing, ringing an agent
 * or connected), which is what the QueueStatus counters count. Ended calls are kept for
 * timeline() and callInfo() up to a limit, oldest forgotten first.
 */
export class CallRegistry {
  private readonly calls = new Map<string, SimCall>();
  private readonly byQueue = new Map<string, Set<SimCall>>();
  private readonly ended: string[] = [];
  private arrivals = 0;

  constructor(private readonly maxRetainedEnded: number) {}

  add(call: SimCall): void {
    this.calls.set(call.id, call);
  }

  get(callId: string): SimCall | undefined {
    return this.calls.get(callId.toLowerCase());
  }

  /** Calls not yet ended, in creation order. */
  active(): SimCall[] {
    return [...this.calls.values()].filter((call) => call.phase !== 'ended');
  }

  enterQueue(call: SimCall, queueId: string): void {
    this.leaveQueue(call);
    call.queueId = queueId;
    call.arrivalSequence = ++this.arrivals;
    let set = this.byQueue.get(queueId);
    if (!set) this.byQueue.set(queueId, (set = new Set()));
    set.add(call);
  }

  leaveQueue(call: SimCall): void {
    if (call.queueId) this.byQueue.get(call.queueId)?.delete(call);
  }

  /** Calls held by the queue, in arrival order. */
  inQueue(queueId: string): SimCall[] {
    return [...(this.byQueue.get(queueId) ?? [])];
  }

  /** Queue calls waiting for an agent, across all queues. */
  waiting(): SimCall[] {
    const result: SimCall[] = [];
    for (const set of this.byQueue.values()) for (const call of set) if (call.phase === 'queuing') result.push(call);
    return result;
  }

  markEnded(call: SimCall): void {
    this.leaveQueue(call);
    this.ended.push(call.id);
    while (this.ended.length > this.maxRetainedEnded) {
      const forgotten = this.ended.shift();
      if (forgotten) this.calls.delete(forgotten);
    }
  }
}
