import type { WebhookPayload } from '../../catalog/payload.types';
import { SeededRandom } from '../../common/seeded-random';
import { AvailabilityFlow } from './availability.flow';
import { toCallInfo } from './call-info';
import { resolveCallScript, type CallScript } from './call-script';
import { CallbackFlow, CALLBACK_ATTEMPT_RESULTS, type CallbackAttemptResult, type CreateCallbackInput } from './callback.flow';
import { CallbackListStatusMonitor } from './callback-list-status';
import { DirectCallFlow } from './direct-call.flow';
import { IvrCallFlow } from './ivr-call.flow';
import { LandisRecorder } from './landis-recorder';
import type { Availability, CallbackRequestData, QueueAttachment } from './organization-data';
import type { OrganizationModel, SimIvr, SimQueue, SimUser } from './organization-model';
import { OutboundCallFlow } from './outbound-call.flow';
import { QueueCallFlow } from './queue-call.flow';
import { QueueMembershipFlow } from './queue-membership.flow';
import { resolveTargetText } from './routing-target';
import { queueStatusValues } from './queue-status';
import { SimContext } from './sim-context';
import { createCall, type CallKind, type SimCall } from './sim-call';
import { notFound, SimulationCommandError } from './simulation-errors';
import type { AvailabilityOptions, CallInfo, PlacedCall, SimulationOptions, UserRuntimeInfo } from './simulation.types';
import { SupervisionFlow } from './supervision.flow';
import { TransferFlow } from './transfer.flow';
import { userStatusValues } from './user-status';
import { WrapUpFlow } from './wrap-up.flow';

/**
 * The simulation engine: commands in, webhook payloads out. Every command checks its arguments
 * synchronously (throwing SimulationCommandError), returns ids at once, and schedules its work as
 * a task at the current virtual time, so commands and timers form one ordered, replayable stream
 * whichever driver runs the clock.
 */
export class Simulation {
  private readonly ctx: SimContext;
  private readonly root: SeededRandom;
  private callCount = 0;
  /**
   * Supervisions asked for whose step has not run yet (it runs on the engine's clock, which a
   * waiting step may hold): the answer to a second ask, or to a stop, must not depend on that timing.
   */
  private readonly supervisionAsked = new Set<string>();

  constructor(
    readonly model: OrganizationModel,
    options: SimulationOptions,
  ) {
    const positive = (name: string, value: number): number => {
      if (!(Number.isFinite(value) && value > 0)) throw new SimulationCommandError('invalid', `${name} must be > 0, got ${value}`);
      return value;
    };
    this.root = new SeededRandom(options.seed);
    this.ctx = new SimContext(
      model,
      options.clock,
      this.root,
      {
        requiredTargetTimeoutSeconds: positive('requiredTargetTimeoutSeconds', options.requiredTargetTimeoutSeconds ?? 10),
        ringTimeoutSeconds: positive('ringTimeoutSeconds', options.ringTimeoutSeconds ?? 20),
        maxRoutingHops: positive('maxRoutingHops', options.maxRoutingHops ?? 8),
        maxRetainedCalls: positive('maxRetainedCalls', options.maxRetainedCalls ?? 10_000),
      },
      options.smartRouting,
      options.emit,
      options.runKey === undefined ? 'ids' : `ids@${options.runKey}`,
    );
    const ctx = this.ctx;
    ctx.flows = {
      queue: new QueueCallFlow(ctx),
      user: new DirectCallFlow(ctx),
      outbound: new OutboundCallFlow(ctx),
      transfer: new TransferFlow(ctx),
      wrapUp: new WrapUpFlow(ctx),
      supervision: new SupervisionFlow(ctx),
      callbacks: new CallbackFlow(ctx),
      listStatus: new CallbackListStatusMonitor(ctx, options.clock.nowMs()),
      availability: new AvailabilityFlow(ctx),
      membership: new QueueMembershipFlow(ctx),
      ivr: new IvrCallFlow(ctx),
    };
    if (options.landis) ctx.landis = new LandisRecorder(model, options.clock, options.landis, ctx.idLabel);
    // Requests loaded with the organisation expire like new ones (only timers; nothing is emitted now).
    for (const request of model.callbackList) ctx.flows.callbacks.armExpiry(request);
  }

  /** Payloads emitted so far. */
  get emittedCount(): number {
    return this.ctx.sink.count;
  }

  // ---- calls ---------------------------------------------------------------------------------

  /** A call to a service queue, by queue id or number. */
  placeQueueCall(queueIdOrNumber: string, script: CallScript = {}): PlacedCall {
    const queue = this.requireQueue(queueIdOrNumber);
    const agent = script.agent === undefined ? null : this.requireUser(script.agent);
    if (agent && !queue.attachedUsers.some((a) => a.userId === agent.id)) {
      throw new SimulationCommandError('invalid', `Agent ${agent.userName} is not attached to queue ${queue.name}`);
    }
    const call = this.newCall('queue', script, queue.number);
    if (agent) call.routing.preferredUserIds = [agent.id];
    if (script.priority !== undefined) call.routing.priorityOverride = script.priority;
    this.ctx.run(0, `queue call ${call.id}`, () => this.ctx.flows.queue.start(call, queue));
    return { callId: call.id, legId: call.legId };
  }

  /** A call to a Landis IVR, by IVR id, number or name: it passes the IVR's blocks before it goes anywhere else. */
  placeIvrCall(ivrIdOrNumber: string, script: CallScript = {}): PlacedCall {
    const ivr = this.requireIvr(ivrIdOrNumber);
    this.refuseQueueOnly(script);
    if (!ivr.number && !script.targetNumber) throw new SimulationCommandError('invalid', `IVR ${ivr.name} has no number; give the script a targetNumber`);
    const call = this.newCall('ivr', script, ivr.number ?? '');
    this.ctx.run(0, `IVR call ${call.id}`, () => this.ctx.flows.ivr.start(call, ivr));
    return { callId: call.id, legId: call.legId };
  }

  /** A call to a user's own number, by user id or username. */
  placeDirectCall(userIdOrUsername: string, script: CallScript = {}): PlacedCall {
    const user = this.requireUser(userIdOrUsername);
    this.refuseQueueOnly(script);
    const call = this.newCall('direct', script, user.number);
    this.ctx.run(0, `direct call ${call.id}`, () => this.ctx.flows.user.start(call, user));
    return { callId: call.id, legId: call.legId };
  }

  /** A call the user dials to `targetNumber`. */
  placeOutboundCall(userIdOrUsername: string, targetNumber: string, script: CallScript = {}): PlacedCall {
    const user = this.requireUser(userIdOrUsername);
    this.refuseQueueOnly(script);
    if (!targetNumber?.trim()) throw new SimulationCommandError('invalid', 'targetNumber is required');
    const call = this.newCall('outbound', { ...script, callerNumber: script.callerNumber ?? user.number, targetNumber }, targetNumber);
    this.ctx.run(0, `outbound call ${call.id}`, () => this.ctx.flows.outbound.start(call, user));
    return { callId: call.id, legId: call.legId };
  }

  /**
   * Ends a call now. Connected: an ordinary hang-up by either side. Not yet connected: the caller
   * gives up ('caller'; for an outbound call, the dialling user cancels with either value).
   */
  hangUp(callId: string, by: 'caller' | 'agent' = 'caller'): void {
    const call = this.requireCall(callId);
    if (call.phase === 'ended') throw new SimulationCommandError('conflict', `Call ${callId} has already ended`);
    if (call.phase === 'routing' || call.phase === 'transferring') {
      throw new SimulationCommandError('conflict', `Call ${callId} is being routed or transferred; try again when it rings or waits`);
    }
    if (call.phase === 'ivr' && by === 'agent') throw new SimulationCommandError('conflict', `Call ${callId} is in an IVR; only the caller can end it now`);
    if (call.phase !== 'connected' && call.side !== 'outbound' && by === 'agent') {
      throw new SimulationCommandError('conflict', `Call ${callId} is not connected; only the caller can end it now`);
    }
    this.ctx.run(0, `hang up ${call.id}`, () => this.hangUpNow(call, by));
  }

  /** The user a direct call rings declines it: it overflows with Reason InterruptOverflow. */
  rejectCall(callId: string): void {
    const call = this.requireCall(callId);
    if (call.side !== 'user' || call.phase !== 'ringing') throw new SimulationCommandError('conflict', `Call ${callId} is not ringing a user`);
    this.ctx.run(0, `reject ${call.id}`, () => this.ctx.flows.user.reject(call));
  }

  /** The user on a connected direct call transfers it blind to a queue, user or number (Reason BlindTransfer). */
  blindTransfer(callId: string, target: string): void {
    const call = this.requireCall(callId);
    if (call.side !== 'user' || call.phase !== 'connected') throw new SimulationCommandError('conflict', `Call ${callId} is not a connected call of a user`);
    const resolved = resolveTargetText(this.model, target);
    if (!resolved || resolved.type === 'disconnect')
      throw new SimulationCommandError('invalid', `Target ${JSON.stringify(target)} matches no queue, user, call list or phone number`);
    if (resolved.type === 'user' && resolved.user.id === call.userId)
      throw new SimulationCommandError('invalid', 'A user cannot transfer a call to themselves');
    this.ctx.run(0, `transfer ${call.id}`, () => this.ctx.flows.user.blindTransfer(call, resolved));
  }

  /** Ends an agent's wrap-up early (UserWrapUpTerminated, Reason "manual"). */
  endWrapUp(userIdOrUsername: string): void {
    const user = this.requireUser(userIdOrUsername);
    if (!user.runtime.wrapUp) throw new SimulationCommandError('conflict', `User ${user.userName} is not in wrap-up`);
    this.ctx.run(0, `end wrap-up ${user.id}`, () => this.ctx.flows.wrapUp.terminate(user, 'manual'));
  }

  // ---- users and queues ----------------------------------------------------------------------

  setAvailability(userIdOrUsername: string, availability: Availability, options: AvailabilityOptions = {}): void {
    const user = this.requireUser(userIdOrUsername);
    if (!this.model.isAvailability(availability)) throw new SimulationCommandError('invalid', `Unknown availability ${JSON.stringify(availability)}`);
    if (options.endTime !== undefined && !(options.endTime instanceof Date && options.endTime.getTime() > this.ctx.clock.nowMs())) {
      throw new SimulationCommandError('invalid', 'endTime must lie in the future');
    }
    this.ctx.run(0, `availability ${user.id}`, () => this.ctx.flows.availability.set(user, availability, options));
  }

  /** The supervisor starts listening to the target's connected call. */
  startSupervision(supervisorIdOrUsername: string, targetUserIdOrUsername: string): void {
    const supervisor = this.requireUser(supervisorIdOrUsername);
    const target = this.requireUser(targetUserIdOrUsername);
    if (supervisor.id === target.id) throw new SimulationCommandError('invalid', 'A user cannot supervise themselves');
    if (!this.ctx.flows.supervision.connectedCallOf(target))
      throw new SimulationCommandError('conflict', `User ${target.userName} has no connected call to supervise`);
    const asked = `${supervisor.id}>${target.id}`;
    if (supervisor.runtime.supervising.has(target.id) || this.supervisionAsked.has(asked))
      throw new SimulationCommandError('conflict', `${supervisor.userName} already supervises ${target.userName}`);
    this.supervisionAsked.add(asked);
    this.ctx.run(0, `supervise ${target.id}`, () => {
      this.supervisionAsked.delete(asked);
      this.ctx.flows.supervision.start(supervisor, target);
    });
  }

  stopSupervision(supervisorIdOrUsername: string, targetUserIdOrUsername: string): void {
    const supervisor = this.requireUser(supervisorIdOrUsername);
    const target = this.requireUser(targetUserIdOrUsername);
    if (!supervisor.runtime.supervising.has(target.id) && !this.supervisionAsked.has(`${supervisor.id}>${target.id}`))
      throw new SimulationCommandError('conflict', `${supervisor.userName} does not supervise ${target.userName}`);
    this.ctx.run(0, `stop supervising ${target.id}`, () => this.ctx.flows.supervision.stop(supervisor, target));
  }

  /** Replaces the queue's attached users (QueueAttachedUsers). */
  setQueueMembership(queueIdOrNumber: string, attachedUsers: readonly QueueAttachment[]): void {
    const queue = this.requireQueue(queueIdOrNumber);
    for (const a of attachedUsers) {
      if (!this.model.findUser(a.userId)) throw notFound('user', a.userId);
      if (!Number.isInteger(a.priority)) throw new SimulationCommandError('invalid', `priority of ${a.userId} must be an integer`);
    }
    const copy = attachedUsers.map((a) => ({ userId: (this.model.findUser(a.userId) as SimUser).id, priority: a.priority, active: a.active }));
    this.ctx.run(0, `membership ${queue.id}`, () => this.ctx.flows.membership.set(queue, copy));
  }

  // ---- callbacks -----------------------------------------------------------------------------

  /** A new callback request (TypeId 1, or 3 with typeId: 3); returns its id. */
  createCallback(callListId: string, input: CreateCallbackInput): string {
    const list = this.model.findCallList(callListId);
    if (!list) throw notFound('call list', callListId);
    if (!input.contactNumber?.trim()) throw new SimulationCommandError('invalid', 'contactNumber is required');
    if (input.typeId !== undefined && input.typeId !== 1 && input.typeId !== 3) throw new SimulationCommandError('invalid', 'typeId must be 1 or 3');
    for (const field of ['dueDate', 'expiryDate', 'notBefore'] as const) {
      const value = input[field];
      if (value != null && !(value instanceof Date && Number.isFinite(value.getTime())))
        throw new SimulationCommandError('invalid', `${field} must be a valid Date`);
    }
    const copy: CreateCallbackInput = { ...input, extras: input.extras?.map((e) => ({ ...e })) };
    const id = this.ctx.streams('callbacks').ids.uuid();
    this.ctx.run(0, `create callback ${id}`, () => {
      this.ctx.flows.callbacks.create(id, list, copy, { typeId: copy.typeId ?? 1, callId: null, channelIn: null });
    });
    return id;
  }

  /** A handling attempt by the user, with its result type. */
  attemptCallback(callbackId: string, userIdOrUsername: string, result: CallbackAttemptResult, options: { note?: string | null } = {}): void {
    const request = this.requireOpenCallback(callbackId);
    const user = this.requireUser(userIdOrUsername);
    if (!Object.hasOwn(CALLBACK_ATTEMPT_RESULTS, result))
      throw new SimulationCommandError('invalid', `result must be one of ${Object.keys(CALLBACK_ATTEMPT_RESULTS).join(', ')}`);
    this.ctx.run(0, `callback attempt ${request.id}`, () => {
      if (!request.closed) this.ctx.flows.callbacks.attempt(request, user.id, result, options.note ?? null);
    });
  }

  /** Assigns the request to a user (null: unassigns). `byUserId` omitted: an admin change. */
  assignCallback(callbackId: string, userIdOrUsername: string | null, options: { byUserId?: string } = {}): void {
    const request = this.requireOpenCallback(callbackId);
    const user = userIdOrUsername === null ? null : this.requireUser(userIdOrUsername);
    const by = options.byUserId ? this.requireUser(options.byUserId).id : null;
    this.ctx.run(0, `callback assign ${request.id}`, () => {
      if (!request.closed) this.ctx.flows.callbacks.assign(request, user?.id ?? null, by);
    });
  }

  closeCallback(callbackId: string, options: { byUserId?: string } = {}): void {
    const request = this.requireOpenCallback(callbackId);
    const by = options.byUserId ? this.requireUser(options.byUserId).id : null;
    this.ctx.run(0, `callback close ${request.id}`, () => {
      if (!request.closed) this.ctx.flows.callbacks.close(request, by);
    });
  }

  // ---- queries -------------------------------------------------------------------------------

  /** The payloads about the call (every payload carrying its CallId), in emission order. */
  timeline(callId: string): WebhookPayload[] {
    return this.callTimeline(callId).filter((p) => 'CallId' in p && p.CallId === callId);
  }

  /** Everything the call produced, in emission order: its own events and the QueueStatus/UserStatus its steps caused. */
  callTimeline(callId: string): WebhookPayload[] {
    return [...(this.ctx.calls.get(callId)?.timeline ?? [])];
  }

  callInfo(callId: string): CallInfo | undefined {
    const call = this.ctx.calls.get(callId);
    return call ? toCallInfo(call) : undefined;
  }

  /** Calls not yet ended. */
  activeCalls(): CallInfo[] {
    return this.ctx.calls.active().map(toCallInfo);
  }

  userState(userIdOrUsername: string): UserRuntimeInfo {
    const user = this.requireUser(userIdOrUsername);
    return {
      userId: user.id,
      availability: user.availability,
      activity: this.model.activity(user),
      callIds: [...user.runtime.calls.keys()],
      wrapUpCallId: user.runtime.wrapUp?.callId ?? null,
    };
  }

  /** The QueueStatus values as they are now (what the next QueueStatus would carry). */
  queueStatus(queueIdOrNumber: string): Record<string, unknown> {
    const queue = this.requireQueue(queueIdOrNumber);
    return { ...queueStatusValues(this.model, this.ctx.calls, queue, this.ctx.clock.nowMs()), OrganizationId: this.model.organization.id };
  }

  /** The UserStatus values as they are now. */
  userStatus(userIdOrUsername: string): Record<string, unknown> {
    return { ...userStatusValues(this.model, this.requireUser(userIdOrUsername)), OrganizationId: this.model.organization.id };
  }

  callback(callbackId: string): CallbackRequestData | undefined {
    const request = this.model.findCallback(callbackId);
    return request ? structuredClone(request) : undefined;
  }

  // ---- internals -----------------------------------------------------------------------------

  /** Each call draws from its own fork of the seed, numbered in command order. */
  private newCall(kind: CallKind, script: CallScript, defaultTarget: string): SimCall {
    const rng = this.root.fork(`call:${this.callCount + 1}`);
    const resolved = resolveCallScript(script, rng.fork('script')); // validates before the count moves
    this.callCount++;
    const ids = rng.fork(this.ctx.idLabel);
    const call = createCall({
      id: ids.uuid(),
      legId: ids.uuid(),
      kind,
      callerNumber: resolved.callerNumber,
      targetNumber: resolved.targetNumber ?? defaultTarget,
      script: resolved,
      ids,
      fill: rng.fork('fill'),
      startedAtMs: this.ctx.clock.nowMs(),
      root: rng,
    });
    this.ctx.calls.add(call);
    if (resolved.abandonAfterSeconds !== null && kind !== 'outbound') {
      this.ctx.callTimer(call, 'abandon', resolved.abandonAfterSeconds * 1000, () => this.abandon(call));
    }
    return call;
  }

  private refuseQueueOnly(script: CallScript): void {
    const given = (['agent', 'priority'] as const).filter((k) => script[k] !== undefined);
    if (given.length) throw new SimulationCommandError('invalid', `${given.join(' and ')} apply only to queue calls`);
  }

  private abandon(call: SimCall): void {
    // Only a caller still waiting gives up; a call in transfer is the target's now.
    if (call.phase === 'ivr') {
      this.ctx.flows.ivr.abandon(call);
      return;
    }
    if (call.phase !== 'queuing' && call.phase !== 'ringing') return;
    if (call.side === 'queue') this.ctx.flows.queue.abandon(call);
    else if (call.side === 'user') this.ctx.flows.user.abandon(call);
  }

  private hangUpNow(call: SimCall, by: 'caller' | 'agent'): void {
    if (call.phase === 'ended') return;
    if (call.side === 'outbound') {
      if (call.phase === 'connected') this.ctx.flows.outbound.hangUp(call, by);
      else this.ctx.flows.outbound.cancel(call);
      return;
    }
    if (call.phase === 'connected') {
      if (call.side === 'queue') this.ctx.flows.queue.hangUp(call, by);
      else this.ctx.flows.user.hangUp(call, by);
      return;
    }
    this.abandon(call);
  }

  /** By id, number or name (case-insensitive); the 404 lists the queues there are. */
  private requireQueue(ref: string): SimQueue {
    const byName = (): SimQueue | undefined => this.model.queueList.find((q) => q.name.toLowerCase() === ref.trim().toLowerCase());
    const queue = typeof ref === 'string' ? (this.model.findQueue(ref) ?? byName()) : undefined;
    if (!queue) {
      const known = this.model.queueList.map((q) => `${q.name} (${q.number}, ${q.id})`).join('; ');
      throw new SimulationCommandError('not-found', `Unknown queue ${JSON.stringify(ref)}: give a queue's id, number or name. Queues: ${known || 'none'}`);
    }
    return queue;
  }

  private requireIvr(ref: string): SimIvr {
    const byName = (): SimIvr | undefined => this.model.ivrList.find((i) => i.name.toLowerCase() === ref.trim().toLowerCase());
    const ivr = typeof ref === 'string' ? (this.model.findIvr(ref) ?? byName()) : undefined;
    if (!ivr) {
      const known = this.model.ivrList.map((i) => `${i.name} (${i.number ?? 'no number'}, ${i.id})`).join('; ');
      throw new SimulationCommandError('not-found', `Unknown IVR ${JSON.stringify(ref)}: give an IVR's id, number or name. IVRs: ${known || 'none'}`);
    }
    return ivr;
  }

  private requireUser(ref: string): SimUser {
    const user = typeof ref === 'string' ? this.model.findUser(ref) : undefined;
    if (!user) throw notFound('user', ref);
    return user;
  }

  private requireCall(callId: string): SimCall {
    const call = typeof callId === 'string' ? this.ctx.calls.get(callId) : undefined;
    if (!call) throw notFound('call', callId);
    return call;
  }

  private requireOpenCallback(callbackId: string): CallbackRequestData {
    const request = typeof callbackId === 'string' ? this.model.findCallback(callbackId) : undefined;
    if (!request) throw notFound('callback', callbackId);
    if (request.closed) throw new SimulationCommandError('conflict', `Callback ${callbackId} is closed`);
    return request;
  }
}
