/**
 * What a SmartRouting answer asks of a call, after parsing and validation (see the SmartRouting
 * document, "Response body properties"). Only the properties the endpoint set are present;
 * targets stay as the endpoint wrote them and are resolved by the simulation (queue id or number,
 * user id or username, or an external phone number).
 */
export interface RoutingInstructions {
  /** A target, or the literal "DISCONNECT:" to end the call. */
  InitialTarget?: string;
  FailTarget?: string;
  /** A user target (id or username) that must take the call; waited for up to the required-target time-out. */
  RequiredTarget?: string;
  /** Preferred user targets; non-blocking. */
  AllocationTargets?: string[];
  /** 0..10000: overrides the queue's priority. */
  Priority?: number;
  /** -10000..10000: added to the priority. */
  ExtraPriority?: number;
  /** TTS prompt, optionally with [culture] prefixes. */
  CustomTTS?: string;
  /** "<MSI tag>,<validFor>[,<action>,<re-entrant>]" */
  CustomMSI?: string;
}

/** Every outcome of a SmartRouting request, as its log and a call's decision name it. */
export const ROUTING_OUTCOMES = ['applied', 'default-204', 'default-error', 'default-unapplied'] as const;
export type RoutingOutcome = (typeof ROUTING_OUTCOMES)[number];

/** The SmartRouting decision for one call: apply the instructions (200) or route by default. */
export type RoutingDecision =
  | {
      outcome: 'applied';
      instructions: RoutingInstructions;
      requestId: string;
      /** Masks the request's credentials in text shown from the answer (the endpoint may echo them). */
      redact?: (text: string) => string;
    }
  | { outcome: 'default-204'; requestId: string }
  | { outcome: 'default-error'; reason: string; requestId: string };

/**
 * The decision as a call records it: an applied answer of which nothing could be applied (`{}`,
 * targets that match nothing) is default routing, `default-unapplied` as in the decision log, with
 * the instructions as received and the reasons.
 */
export type CallRoutingDecision = RoutingDecision | { outcome: 'default-unapplied'; instructions: RoutingInstructions; reason: string; requestId: string };

/** What the simulation tells the SmartRouting client about a call entering a configured queue. */
export interface RoutingRequestContext {
  queueId: string;
  callId: string;
  legId: string;
  /** Caller number (anum). */
  callerNumber: string;
  /** Called number (bnum). */
  targetNumber: string;
  currentUserId: string | null;
  isInternalCaller: boolean;
}

/** Implemented by the SmartRouting module; the simulation calls it before routing a queue call. */
export interface SmartRoutingHook {
  /** null when the queue has no SmartRouting configuration. */
  decide(context: RoutingRequestContext): Promise<RoutingDecision | null>;
  /**
   * Told once an applied answer has been tried on the call: when nothing in it could be applied
   * (an empty answer, targets that match nothing), the decision log says so instead of "applied".
   */
  settle?(requestId: string, result: { applied: boolean; notes: readonly string[] }): void;
}
