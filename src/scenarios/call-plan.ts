import { finnishMobile } from '../catalog/sample-world';
import { SeededRandom } from '../common/seeded-random';
import type { CallScript } from '../simulation/engine';
import { arrivalOffsetsMs } from './load-plan';
import { CALL_KINDS, type ScenarioCallKind, type ScenarioOptions, type SecondsRange } from './scenario-options';

/** What the scenario can place calls to (ids resolved from the organisation). */
export interface CallTargets {
  queues: string[];
  users: string[];
  callLists: string[];
}

export interface PlannedCall {
  /** Virtual milliseconds after the scenario's start. */
  atMs: number;
  kind: ScenarioCallKind;
  /** Queue id, user id or call list id, by kind. */
  target: string;
  /** Outbound: the called number; callback: the contact number. */
  number: string | null;
  script: CallScript;
}

function drawSeconds(range: SecondsRange | null, rng: SeededRandom): number | undefined {
  // Millisecond resolution, as the scheduler has.
  return range ? Math.round(rng.float(range.min, range.max) * 1000) / 1000 : undefined;
}

/** Kinds without a possible target are left out of the mix (a caller checks that something remains). */
export function usableKinds(options: ScenarioOptions, targets: CallTargets): ScenarioCallKind[] {
  const has: Record<ScenarioCallKind, boolean> = {
    queue: targets.queues.length > 0,
    direct: targets.users.length > 0,
    outbound: targets.users.length > 0,
    callback: targets.callLists.length > 0,
  };
  return CALL_KINDS.filter((k) => options.mix[k] > 0 && has[k]);
}

/**
 * The whole run, drawn from the seed before it starts: each call from its own fork, so changing
 * one option (say TalkSeconds) does not reshuffle the kinds and targets of the others.
 */
export function planCalls(options: ScenarioOptions, targets: CallTargets): PlannedCall[] {
  const root = new SeededRandom(options.seed).fork('scenario');
  const offsets = arrivalOffsetsMs(options.load, root.fork('arrivals'));
  const kinds = usableKinds(options, targets);
  const total = kinds.reduce((sum, k) => sum + options.mix[k], 0);
  return offsets.map((atMs, i) => {
    const rng = root.fork(`call:${i}`);
    let roll = rng.next() * total;
    const kind = kinds.find((k) => (roll -= options.mix[k]) < 0) ?? kinds[kinds.length - 1];
    const pool = kind === 'queue' ? targets.queues : kind === 'callback' ? targets.callLists : targets.users;
    const target = rng.pick(pool);
    const number = kind === 'outbound' || kind === 'callback' ? finnishMobile(rng) : null;
    const script: CallScript = {};
    const answer = drawSeconds(options.answerSeconds, rng);
    const talk = drawSeconds(options.talkSeconds, rng);
    if (answer !== undefined) script.answerAfterSeconds = answer;
    if (talk !== undefined) script.talkSeconds = talk;
    return { atMs, kind, target, number, script };
  });
}
