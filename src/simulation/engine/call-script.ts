import { finnishMobile } from '../../catalog/sample-world';
import type { SeededRandom } from '../../common/seeded-random';
import { SimulationCommandError } from './simulation-errors';

/** How a simulated call behaves; anything left out is drawn from the call's own random stream. */
export interface CallScript {
  /** Ring time before an agent (or, outbound, the called party; or a transfer target) answers. */
  answerAfterSeconds?: number;
  /** Conversation length once connected. */
  talkSeconds?: number;
  /** Who ends the conversation. Outbound calls: 'agent' is the dialling user, 'caller' the called party. */
  hangupBy?: 'caller' | 'agent';
  /**
   * false: the first allocated agent does not answer (the ring times out and the next agent is
   * tried); later agents answer. A list gives the answer of each successive allocation in turn.
   * Omitted: true when answerAfterSeconds is given, otherwise drawn (the first agent answers with
   * probability DEFAULT_ANSWER_PROBABILITY).
   */
  agentAnswers?: boolean | readonly boolean[];
  /**
   * Kept for old scripts, with no effect: a wrap-up always ends at the queue's maximum at the latest
   * (the platform's rule); endWrapUp(userId) ends it earlier.
   */
  wrapUpEndsManually?: boolean;
  callerNumber?: string;
  /** The dialled number; defaults to the queue's or the user's number. */
  targetNumber?: string;
  /** The caller hangs up if the call is not connected to an agent within this time. Default: never. */
  abandonAfterSeconds?: number;
  /** Whether an external transfer target answers. */
  transferAnswers?: boolean;
  /**
   * Queue calls: the agent (user id or username, attached to the queue) offered the call first,
   * as a SmartRouting AllocationTarget would be (DetailedReason "AllocationTarget"); when that agent
   * cannot take it, the queue's next agent does.
   */
  agent?: string;
  /** Queue calls: the call's priority (0..10000), instead of the queue's, as SmartRouting's Priority. */
  priority?: number;
  /**
   * IVR calls: what the caller enters at each input block, in order (a menu key, digits, a
   * phrase). Past the list, or without it, inputs are drawn and the caller may hang up in a menu.
   */
  ivrInputs?: readonly string[];
}

export interface ResolvedCallScript {
  readonly answerAfterSeconds: number;
  readonly talkSeconds: number;
  readonly hangupBy: 'caller' | 'agent';
  readonly callerNumber: string;
  readonly targetNumber: string | undefined;
  readonly abandonAfterSeconds: number | null;
  readonly transferAnswers: boolean;
  readonly ivrInputs: readonly string[];
  /** Whether the n-th allocation (0-based) is answered. */
  answers(attempt: number): boolean;
}

/** How likely the first allocated agent answers when the script says nothing about answering. */
export const DEFAULT_ANSWER_PROBABILITY = 0.85;

const SECONDS_FIELDS = ['answerAfterSeconds', 'talkSeconds', 'abandonAfterSeconds'] as const;

/** Throws SimulationCommandError on a value the simulation cannot play. */
export function validateCallScript(script: CallScript): void {
  for (const field of SECONDS_FIELDS) {
    const value = script[field];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new SimulationCommandError('invalid', `${field} must be a number of seconds >= 0, got ${String(value)}`);
    }
  }
  if (script.priority !== undefined && !(Number.isInteger(script.priority) && script.priority >= 0 && script.priority <= 10000)) {
    throw new SimulationCommandError('invalid', `priority must be an integer 0..10000, got ${String(script.priority)}`);
  }
  if (script.ivrInputs !== undefined && !(Array.isArray(script.ivrInputs) && script.ivrInputs.every((v) => typeof v === 'string' && v.length <= 200))) {
    throw new SimulationCommandError('invalid', 'ivrInputs must be a list of texts (menu keys, digits or phrases)');
  }
  if (script.hangupBy !== undefined && script.hangupBy !== 'caller' && script.hangupBy !== 'agent') {
    throw new SimulationCommandError('invalid', `hangupBy must be 'caller' or 'agent', got ${JSON.stringify(script.hangupBy)}`);
  }
}

/**
 * Every default is drawn, in a fixed order, whether or not the script sets it: giving one value
 * then never shifts the others, so scripts differing in one field stay comparable.
 */
export function resolveCallScript(script: CallScript, rng: SeededRandom): ResolvedCallScript {
  validateCallScript(script);
  const drawn = {
    answerAfterSeconds: rng.int(2, 12),
    talkSeconds: rng.int(20, 240),
    hangupBy: rng.pick(['caller', 'agent'] as const),
    agentAnswers: rng.bool(DEFAULT_ANSWER_PROBABILITY),
    transferAnswers: rng.bool(0.8),
    callerNumber: finnishMobile(rng),
  };
  // A script that says when the agent answers means that the agent answers.
  const agentAnswers = script.agentAnswers ?? (script.answerAfterSeconds !== undefined ? true : drawn.agentAnswers);
  const answersList: readonly boolean[] = typeof agentAnswers === 'boolean' ? [agentAnswers] : agentAnswers;
  return {
    answerAfterSeconds: script.answerAfterSeconds ?? drawn.answerAfterSeconds,
    talkSeconds: script.talkSeconds ?? drawn.talkSeconds,
    hangupBy: script.hangupBy ?? drawn.hangupBy,
    callerNumber: script.callerNumber ?? drawn.callerNumber,
    targetNumber: script.targetNumber,
    abandonAfterSeconds: script.abandonAfterSeconds ?? null,
    transferAnswers: script.transferAnswers ?? drawn.transferAnswers,
    ivrInputs: [...(script.ivrInputs ?? [])],
    answers: (attempt) => answersList[attempt] ?? true,
  };
}
