import type { WebhookPayload } from '../../catalog/payload.types';
import type { CallRoutingDecision, RoutingInstructions, SmartRoutingHook } from '../../smart-routing/routing-instructions';
import type { LandisOutput } from './landis-output';
import type { Availability } from './organization-data';
import type { SimulationClock } from './scheduler';
import type { CallKind, CallPhase, CallSide } from './sim-call';

export interface SimulationOptions {
  /** Same seed + same commands at the same virtual times = the same payloads, ids and timestamps included. */
  seed: string | number;
  /**
   * Mixed into every id the run draws (calls, legs, events, callbacks), not into its behaviour: the
   * same seed with another run key plays the same story under fresh ids. Omitted: ids from the seed alone.
   */
  runKey?: string;
  /** Usually a Scheduler; the simulation only reads the time and sets timers. */
  clock: SimulationClock;
  emit: (payload: WebhookPayload) => void;
  /** Landis Contact Center records (App.QueueWebhook, App.IvrWebhook) of the same calls; omitted: none are made. */
  landis?: LandisOutput;
  /** Consulted for every queue call before routing. */
  smartRouting?: SmartRoutingHook;
  /** How long a call waits for its SmartRouting RequiredTarget. Default 10 (the documented default). */
  requiredTargetTimeoutSeconds?: number;
  /** An allocation nobody answers is cancelled after this. Default 20. */
  ringTimeoutSeconds?: number;
  /** Transfers one call may make before it is cut off, against overflow loops. Default 8. */
  maxRoutingHops?: number;
  /** Ended calls kept for timeline() / callInfo(). Default 10,000. */
  maxRetainedCalls?: number;
}

export interface PlacedCall {
  callId: string;
  legId: string;
}

export interface AvailabilityOptions {
  note?: string | null;
  /** When the state ends; the user then returns to Available. Omitted: continuous (DateTime.MaxValue). */
  endTime?: Date;
  /** UserAvailability.EventSource. Default "User". */
  eventSource?: string;
}

/** A snapshot of what the simulation knows about a call. */
export interface CallInfo {
  callId: string;
  legId: string;
  kind: CallKind;
  phase: CallPhase;
  side: CallSide;
  queueId: string | null;
  /** Agent (queue side), target user (user side) or dialling user (outbound). */
  userId: string | null;
  callerNumber: string;
  targetNumber: string;
  startedAt: Date;
  connectedAt: Date | null;
  endedAt: Date | null;
  endReason: string | null;
  /** What the SmartRouting hook answered (default-unapplied when nothing in an answer applied); null when no hook or not a queue call. */
  routingDecision: CallRoutingDecision | null;
  /** The instructions applied (outcome "applied"), as received. */
  appliedRouting: RoutingInstructions | null;
  playedTts: string | null;
  appliedMsi: string | null;
  /** Instructions that could not be applied, and why. */
  routingNotes: string[];
  priorityOverride: number | null;
  extraPriority: number;
  requiredUserId: string | null;
  preferredUserIds: string[];
  /** The callback request the call became, when it overflowed into a call list. */
  callbackId: string | null;
}

export interface UserRuntimeInfo {
  userId: string;
  availability: Availability;
  activity: 'idle' | 'talking' | 'wrapUp';
  callIds: string[];
  wrapUpCallId: string | null;
}
