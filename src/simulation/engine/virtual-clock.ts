import { dotNetTimestampToDate } from '../../catalog/dotnet-timestamp';

/** The seed's sample day, so a simulation without an explicit start still replays identically. */
export const DEFAULT_SIMULATION_START = '2018-01-01T08:00:00Z';

/** The clock's last instant: an event Timestamp is a .NET DateTime, which ends with the year 9999. */
export const VIRTUAL_TIME_END_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * Simulated time in whole milliseconds since the Unix epoch. Only moves forward, and only when a
 * driver moves it (see Scheduler), so payload timestamps never depend on the wall clock.
 */
export class VirtualClock {
  readonly startTime: Date;
  private currentMs: number;

  /** `start` as a Date, ISO or .NET timestamp string, or epoch milliseconds. */
  constructor(start: Date | string | number = DEFAULT_SIMULATION_START) {
    const ms = typeof start === 'number' ? start : dotNetTimestampToDate(start).getTime();
    if (!Number.isFinite(ms)) throw new Error(`Invalid simulation start time ${String(start)}`);
    this.currentMs = Math.round(ms);
    this.startTime = new Date(this.currentMs);
  }

  get nowMs(): number {
    return this.currentMs;
  }

  now(): Date {
    return new Date(this.currentMs);
  }

  get elapsedMs(): number {
    return this.currentMs - this.startTime.getTime();
  }

  /** Moves to `ms`; a time in the past is refused, since events must never go back in time. */
  advanceTo(ms: number): void {
    if (!Number.isFinite(ms)) throw new Error(`Cannot advance the clock to ${ms}`);
    if (ms < this.currentMs) throw new Error(`Cannot move the clock back from ${this.currentMs} to ${ms}`);
    this.currentMs = Math.round(ms);
  }
}
