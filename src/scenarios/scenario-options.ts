import { parseSchedule } from '../common/retry-schedule';
import type { CreateScenarioDto, LoadPattern } from './dto/create-scenario.dto';
import { ValidationProblem } from '../common/errors/domain-errors';
import { VIRTUAL_TIME_END_MS } from '../simulation/engine';

export const CALL_KINDS = ['queue', 'direct', 'outbound', 'callback'] as const;
export type ScenarioCallKind = (typeof CALL_KINDS)[number];

export interface SecondsRange {
  min: number;
  max: number;
}

export interface LoadShape {
  pattern: LoadPattern;
  durationSeconds: number;
  callsPerSecond: number;
  from: number;
  to: number;
  burstEverySeconds: number;
  burstCalls: number;
}

export interface RetryOptions {
  scheduleMs: number[] | null;
  duplicateRate: number;
  outOfOrderRate: number;
  holdBackMs: number;
}

/** A request, checked across fields and with defaults filled in. */
export interface ScenarioOptions {
  seed: string;
  timeScale: number;
  /** Unpaced: virtual time jumps from one task to the next (timeScale is then unused). */
  asFastAsPossible: boolean;
  startTime: Date | undefined;
  load: LoadShape;
  queues: string[] | null;
  mix: Record<ScenarioCallKind, number>;
  answerSeconds: SecondsRange | null;
  talkSeconds: SecondsRange | null;
  retry: RetryOptions;
}

/** A scenario must fit in memory and finish: its plan is built up front. */
export const MAX_PLANNED_CALLS = 100_000;
const DEFAULT_MIX: Record<ScenarioCallKind, number> = { queue: 0.7, direct: 0.15, outbound: 0.1, callback: 0.05 };
const DEFAULT_HOLD_BACK_MS = 2000;

const bad = (message: string): ValidationProblem => new ValidationProblem([message]);

function range(value: { Min: number; Max: number } | undefined, field: string): SecondsRange | null {
  if (!value) return null;
  if (value.Max < value.Min) throw bad(`${field}.Max must be >= ${field}.Min`);
  return { min: value.Min, max: value.Max };
}

/** Rules class-validator cannot express per field: they involve several fields. */
export function toScenarioOptions(dto: CreateScenarioDto): ScenarioOptions {
  if (dto.AsFastAsPossible && dto.TimeScale !== undefined) throw bad('TimeScale: leave it out with AsFastAsPossible (the run is not paced by the wall clock)');
  const pattern = dto.Pattern ?? 'constant';
  const load: LoadShape = {
    pattern,
    durationSeconds: dto.DurationSeconds,
    callsPerSecond: dto.CallsPerSecond ?? 0,
    from: dto.From ?? 0,
    to: dto.To ?? 0,
    burstEverySeconds: dto.BurstEverySeconds ?? 0,
    burstCalls: dto.BurstCalls ?? 0,
  };
  if (pattern === 'constant' && !(load.callsPerSecond > 0)) throw bad('CallsPerSecond must be > 0 for the constant pattern');
  if (pattern === 'ramp' && load.from + load.to <= 0) throw bad('To: From and To cannot both be 0');
  if (dto.StartTime && Date.parse(dto.StartTime) + load.durationSeconds * 1000 > VIRTUAL_TIME_END_MS) {
    throw bad(`StartTime: the calls would be placed past ${new Date(VIRTUAL_TIME_END_MS).toISOString()}, where the virtual clock ends`);
  }
  const planned = plannedCallEstimate(load);
  if (planned > MAX_PLANNED_CALLS) throw bad(`DurationSeconds: this load plans about ${Math.round(planned)} calls; at most ${MAX_PLANNED_CALLS}`);
  if (planned < 1) throw bad('DurationSeconds: this load plans no call at all; raise the rate or the duration');
  const mix = dto.Mix
    ? { queue: dto.Mix.Queue ?? 0, direct: dto.Mix.Direct ?? 0, outbound: dto.Mix.Outbound ?? 0, callback: dto.Mix.Callback ?? 0 }
    : { ...DEFAULT_MIX };
  if (CALL_KINDS.every((k) => mix[k] === 0)) throw bad('Mix: at least one share must be > 0');
  let scheduleMs: number[] | null = null;
  if (dto.Retry?.Schedule !== undefined) {
    try {
      scheduleMs = parseSchedule(dto.Retry.Schedule);
    } catch (e) {
      throw bad(`Retry.Schedule: ${(e as Error).message}`);
    }
  }
  return {
    seed: String(dto.Seed),
    timeScale: dto.TimeScale ?? 1,
    asFastAsPossible: dto.AsFastAsPossible ?? false,
    startTime: dto.StartTime ? new Date(dto.StartTime) : undefined,
    load,
    queues: dto.Queues ?? null,
    mix,
    answerSeconds: range(dto.AnswerSeconds, 'AnswerSeconds'),
    talkSeconds: range(dto.TalkSeconds, 'TalkSeconds'),
    retry: {
      scheduleMs,
      duplicateRate: dto.Retry?.DuplicateRate ?? 0,
      outOfOrderRate: dto.Retry?.OutOfOrderRate ?? 0,
      holdBackMs: Math.round((dto.Retry?.HoldBackSeconds ?? DEFAULT_HOLD_BACK_MS / 1000) * 1000),
    },
  };
}

/** Expected number of calls of a load (exact for constant and ramp). */
export function plannedCallEstimate(load: LoadShape): number {
  const d = load.durationSeconds;
  if (load.pattern === 'ramp') return ((load.from + load.to) / 2) * d;
  const base = load.callsPerSecond * d;
  if (load.pattern === 'bursts') return base + Math.ceil(d / load.burstEverySeconds) * load.burstCalls;
  return base;
}
