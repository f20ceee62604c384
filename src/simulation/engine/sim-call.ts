import type { SeededRandom } from '../../common/seeded-random';
import type { CallRoutingDecision, RoutingInstructions } from '../../smart-routing/routing-instructions';
import type { ResolvedCallScript } from './call-script';
import type { ResolvedTarget } from './routing-target';
import type { WebhookPayload } from '../../catalog/payload.types';
import type { TaskHandle } from './scheduler';

export type CallKind = 'queue' | 'direct' | 'outbound' | 'ivr';

/**
 * ivr: passing the blocks of a (Landis) IVR; routing: before the call reaches a queue or user (SmartRouting); queuing: waiting in a queue;
 * ringing: allocated to an agent / ringing the user or the called party; transferring: between
 * targets; ended: gone from the simulation's view (disconnected or transferred out).
 */
export type CallPhase = 'ivr' | 'routing' | 'queuing' | 'ringing' | 'connected' | 'transferring' | 'ended';

/** Which kind of event describes the call right now: Queue*, User*In* or User*Out*; none while in an IVR. */
export type CallSide = 'queue' | 'user' | 'outbound' | 'ivr';

/** A Landis record of the call that passed it on: the next record's ParentId and From. */
export interface LandisParent {
  /** The record's number within the call (its ids derive from it). */
  seq: number;
  name: string;
}

/** The call's stay in a queue, from entering it: what its App.QueueWebhook record describes. */
export interface QueueStay {
  queueId: string;
  enteredAtMs: number;
  parent: LandisParent | null;
}

/** One input the caller gave in an IVR. */
export interface IvrInputRecord {
  atMs: number;
  blockName: string;
  blockType: 'Menu' | 'InputDigits' | 'SpeechInput';
  parameterName: string;
  value: string;
}

/** The call's pass through one IVR. */
export interface IvrVisit {
  ivrId: string;
  enteredAtMs: number;
  parent: LandisParent | null;
  inputs: IvrInputRecord[];
  /** DataValue01..20 (index 0 is 01). */
  dataValues: (string | null)[];
  /** Blocks passed so far, against loops. */
  steps: number;
  /** The caller's behaviour in IVRs (its choices and pauses). */
  readonly rng: SeededRandom;
}

/** What SmartRouting asked of the call's allocation. */
export interface CallRouting {
  priorityOverride: number | null;
  extraPriority: number;
  requiredUserId: string | null;
  requiredDeadlineMs: number | null;
  preferredUserIds: string[];
  failTarget: ResolvedTarget | null;
  /** The initial target (queue or user id) the FailTarget applies to. */
  failTargetFor: string | null;
}

export interface SimCall {
  readonly id: string;
  readonly legId: string;
  readonly kind: CallKind;
  readonly callerNumber: string;
  readonly targetNumber: string;
  readonly script: ResolvedCallScript;
  /** Event ids and leg ids. */
  readonly ids: SeededRandom;
  /** Handed to makeEvent for any value the flow leaves unset. */
  readonly fill: SeededRandom;
  readonly startedAtMs: number;
  /** The call's own fork of the seed; Landis record ids are forked from it on demand. */
  readonly root: SeededRandom;
  phase: CallPhase;
  side: CallSide;
  queueId: string | null;
  /** Agent (queue side), target user (user side) or dialling user (outbound). */
  userId: string | null;
  arrivedAtMs: number;
  arrivalSequence: number;
  /** Allocations so far; indexes the script's agentAnswers. */
  allocations: number;
  /** Agents that let this call ring out; not offered it again in the same queue. */
  refusedBy: Set<string>;
  agentLegId: string | null;
  maxWaitDeadlineMs: number | null;
  routing: CallRouting;
  decision: CallRoutingDecision | null;
  appliedRouting: RoutingInstructions | null;
  playedTts: string | null;
  appliedMsi: string | null;
  routingNotes: string[];
  /** Masks SmartRouting credentials the endpoint echoed into its answer, in what is shown of the call. */
  redact: ((text: string) => string) | null;
  hops: number;
  callbackId: string | null;
  connectedAtMs: number | null;
  endedAtMs: number | null;
  endReason: string | null;
  /** Time of the call's latest event: each next one is stamped at least 1 ms later. */
  lastEventMs: number;
  readonly timers: Map<string, TaskHandle>;
  readonly timeline: WebhookPayload[];
  /** Landis records written so far (numbers them); untouched when the simulation has no Landis output. */
  landisSeq: number;
  /** The record the next one continues (ParentId, From); set when a record transferred the call to a queue or IVR. */
  landisParent: LandisParent | null;
  /** The queue stay not yet recorded. */
  queueStay: QueueStay | null;
  /** The IVR the call is in. */
  ivr: IvrVisit | null;
  /** How many of the script's ivrInputs the caller has given. */
  ivrInputsGiven: number;
}

export interface NewCallInput {
  id: string;
  legId: string;
  kind: CallKind;
  callerNumber: string;
  targetNumber: string;
  script: ResolvedCallScript;
  ids: SeededRandom;
  fill: SeededRandom;
  startedAtMs: number;
  root: SeededRandom;
}

/** Re-reads the phase (a flow's own narrowing would miss a change made while it awaited). */
export function hasEnded(call: SimCall): boolean {
  return call.phase === 'ended';
}

export function createCall(input: NewCallInput): SimCall {
  // Listed one by one rather than spread: a spread literal this large takes V8's slow object-cloning path.
  return {
    id: input.id,
    legId: input.legId,
    kind: input.kind,
    callerNumber: input.callerNumber,
    targetNumber: input.targetNumber,
    script: input.script,
    ids: input.ids,
    fill: input.fill,
    startedAtMs: input.startedAtMs,
    root: input.root,
    phase: 'routing',
    side: input.kind === 'outbound' ? 'outbound' : input.kind === 'queue' ? 'queue' : input.kind === 'ivr' ? 'ivr' : 'user',
    queueId: null,
    userId: null,
    arrivedAtMs: input.startedAtMs,
    arrivalSequence: 0,
    allocations: 0,
    refusedBy: new Set(),
    agentLegId: null,
    maxWaitDeadlineMs: null,
    routing: {
      priorityOverride: null,
      extraPriority: 0,
      requiredUserId: null,
      requiredDeadlineMs: null,
      preferredUserIds: [],
      failTarget: null,
      failTargetFor: null,
    },
    decision: null,
    appliedRouting: null,
    playedTts: null,
    appliedMsi: null,
    routingNotes: [],
    redact: null,
    hops: 0,
    callbackId: null,
    connectedAtMs: null,
    endedAtMs: null,
    endReason: null,
    lastEventMs: Number.NEGATIVE_INFINITY,
    timers: new Map(),
    timeline: [],
    landisSeq: 0,
    landisParent: null,
    queueStay: null,
    ivr: null,
    ivrInputsGiven: 0,
  };
}
