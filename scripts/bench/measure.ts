import { readdirSync, readFileSync } from 'node:fs';
import type { ReceiverProcess } from './child';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (sorted: ArrayLike<number>, p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const round = (x: number) => Math.round(x * 100) / 100;
/** Seconds at the steady rate before latency counts: JIT, pools and the database settle first. */
export const WARM_UP_SECONDS = 3;

export interface ReceiverReport {
  ids: string[];
  receivedAt: number[];
}

/** Polls the receiver until n requests arrived or the time is up. */
export async function waitForReceived(receiver: ReceiverProcess, n: number, timeoutMs: number): Promise<ReceiverReport> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const report = await receiver.request<ReceiverReport>('report');
    if (report.ids.length >= n || Date.now() > deadline) return report;
    await sleep(200);
  }
}

export interface FullSpeedFigures {
  events: number;
  seconds: number;
  /** First to last arrival, the worker's start-up (JIT warm-up, new connections) included. */
  deliveriesPerSecond: number;
  /** Over the middle 80% of arrivals: the steady state, without warm-up and the last stragglers. */
  sustainedPerSecond: number;
}

export function fullSpeedFigures(report: ReceiverReport): FullSpeedFigures {
  const arrivals = [...report.receivedAt].sort((a, b) => a - b);
  const first = arrivals[0];
  const last = arrivals[arrivals.length - 1];
  const p10 = Math.floor(arrivals.length * 0.1);
  const p90 = Math.floor(arrivals.length * 0.9);
  return {
    events: report.ids.length,
    seconds: Math.round(last - first) / 1000,
    deliveriesPerSecond: Math.round(report.ids.length / ((last - first) / 1000)),
    sustainedPerSecond: Math.round((p90 - p10) / ((arrivals[p90] - arrivals[p10]) / 1000)),
  };
}

export interface LatencyFigures {
  events: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Emits `count` items at `rate` per second, evenly spaced (one per tick: every 2 ms at 500/s),
 * not in bursts that queue behind each other. Returns each item's emit time (epoch ms) in a
 * preallocated array: growing one here would make garbage in the emitting process, and its
 * collector's pauses would show as latency.
 */
export async function emitSteadily(count: number, rate: number, emit: (index: number, at: number) => void): Promise<Float64Array> {
  const emittedAt = new Float64Array(count);
  const tickMs = Math.max(1, Math.floor(1000 / rate));
  const perTick = rate / (1000 / tickMs);
  const s0 = performance.now();
  let sent = 0;
  while (sent < count) {
    const due = Math.min(count, Math.floor(((performance.now() - s0) / tickMs + 1) * perTick));
    for (; sent < due; sent++) {
      emittedAt[sent] = performance.timeOrigin + performance.now();
      emit(sent, emittedAt[sent]);
    }
    await sleep(tickMs);
  }
  return emittedAt;
}

/** Emit-to-receiver latencies of the items after the warm-up ones, as percentiles. */
export function latencyFigures(report: ReceiverReport, ids: string[], emittedAt: Float64Array, warmUp: number): LatencyFigures {
  const indexOf = new Map(ids.map((id, i) => [id, i]));
  const latencies = report.ids
    .map((id, i) => {
      const index = indexOf.get(id) ?? -1;
      return index >= warmUp ? report.receivedAt[i] - emittedAt[index] : NaN;
    })
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  return {
    events: latencies.length,
    p50Ms: round(pct(latencies, 50)),
    p95Ms: round(pct(latencies, 95)),
    p99Ms: round(pct(latencies, 99)),
    maxMs: round(latencies[latencies.length - 1]),
  };
}

/** p50 and p99 of the finite values in `values`. */
export function percentiles(values: Float64Array): { p50Ms: number; p99Ms: number } {
  const sorted = [...values].filter(Number.isFinite).sort((a, b) => a - b);
  return { p50Ms: round(pct(sorted, 50)), p99Ms: round(pct(sorted, 99)) };
}

export type CpuReading = Map<string, { role: string; seconds: number }>;

/** CPU seconds (user + system) used so far by each given process and each postgres and redis-server process. */
export function cpuSeconds(pids: Record<string, number>): CpuReading {
  const read = (pid: string) => {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return { comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), seconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS };
    } catch {
      return null; // the process has ended
    }
  };
  const reading: CpuReading = new Map();
  for (const [role, pid] of Object.entries(pids)) {
    const r = read(String(pid));
    if (r) reading.set(String(pid), { role, seconds: r.seconds });
  }
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d) && !reading.has(d))) {
    const r = read(pid);
    if (r?.comm === 'postgres') reading.set(pid, { role: 'postgres', seconds: r.seconds });
    else if (r?.comm === 'redis-server') reading.set(pid, { role: 'redis', seconds: r.seconds });
  }
  return reading;
}
const CLOCK_TICKS = 100; // USER_HZ on Linux

/**
 * CPU milliseconds per item, by role, between two cpuSeconds() readings. A process that started
 * in between counts from zero; one that ended in between is not counted (its last figure is gone).
 */
export function cpuMsPerItem(before: CpuReading, after: CpuReading, items: number): Record<string, number> {
  const seconds: Record<string, number> = {};
  for (const [pid, { role, seconds: s }] of after) seconds[role] = (seconds[role] ?? 0) + s - (before.get(pid)?.seconds ?? 0);
  const out: Record<string, number> = {};
  for (const [role, s] of Object.entries(seconds)) out[role] = Math.round((s * 1e6) / items) / 1000;
  out.total = Math.round(Object.values(out).reduce((a, b) => a + b, 0) * 1000) / 1000;
  return out;
}
