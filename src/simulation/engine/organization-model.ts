import { AVAILABILITY_VALUES, OPEN_STATUS_VALUES } from '../../catalog/enums';
import { GUID_PATTERN } from '../../catalog/value-rules';
import type {
  Availability,
  CallbackRequestData,
  CallListData,
  IvrData,
  OrganizationData,
  OrganizationInfo,
  OverflowTarget,
  QueueAttachment,
  ServiceQueueData,
  UserData,
} from './organization-data';
import { ivrProblems, ouPathProblem } from '../../common/ivr-rules';
import type { TaskHandle } from './scheduler';

/**
 * The in-memory organisation: the plain data (see organization-data.ts) plus each user's runtime
 * state, with the lookups the simulation needs. Ids are stored lower-case, as payloads carry them.
 */

export class OrganizationModelError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid organisation: ${problems.join('; ')}`);
  }
}

/** A call the user is on. Ringing counts: the platform treats a call as active before it connects. */
export interface UserCallLeg {
  state: 'ringing' | 'connected';
  /** The service queue the call came through, if any (UserStatus.ActiveQueueId). */
  queueId: string | null;
}

export interface WrapUpState {
  callId: string;
  legId: string;
  queueId: string;
  startedAtMs: number;
  maxSeconds: number;
  /** Pending timer termination; null when the wrap-up ends manually. */
  timer: TaskHandle | null;
}

export interface SupervisionState {
  callId: string;
  legId: string;
  queueId: string | null;
  supervisorLegId: string;
}

export interface UserRuntime {
  calls: Map<string, UserCallLeg>;
  wrapUp: WrapUpState | null;
  /** When the user last became free; among equal agents the longest idle is offered a call first. */
  idleSinceMs: number;
  /** Ends a timed availability state (back to Available). */
  availabilityTimer: TaskHandle | null;
  /** Supervisions this user runs, by supervised user id. */
  supervising: Map<string, SupervisionState>;
}

/** The brief's runtime states; ringing counts as talking (see UserCallLeg). */
export type UserActivity = 'idle' | 'talking' | 'wrapUp';

export interface SimUser extends UserData {
  readonly runtime: UserRuntime;
}

export type SimQueue = ServiceQueueData;
export type SimCallList = CallListData;
export type SimIvr = IvrData;

const normaliseNumber = (number: string): string => number.replace(/[\s-]/g, '');
const key = (text: string): string => text.trim().toLowerCase();

function copyTarget(target: OverflowTarget | null | undefined): OverflowTarget | null {
  return target ? { ...target } : null;
}

export class OrganizationModel {
  readonly organization: OrganizationInfo;
  private readonly users = new Map<string, SimUser>();
  private readonly usersByName = new Map<string, SimUser>();
  private readonly usersByNumber = new Map<string, SimUser>();
  private readonly queues = new Map<string, SimQueue>();
  private readonly queuesByNumber = new Map<string, SimQueue>();
  private readonly callLists = new Map<string, SimCallList>();
  private readonly callbacks = new Map<string, CallbackRequestData>();
  private readonly ivrs = new Map<string, SimIvr>();
  private readonly ivrsByNumber = new Map<string, SimIvr>();

  /** `idleSinceMs` seeds every user's idle time (the simulation start). The data is copied. */
  constructor(data: OrganizationData, idleSinceMs = 0) {
    const problems: string[] = [];
    const guid = (what: string, id: string): string => {
      if (typeof id !== 'string' || !GUID_PATTERN.test(id)) problems.push(`${what}: id ${JSON.stringify(id)} is not a GUID`);
      return typeof id === 'string' ? id.toLowerCase() : String(id);
    };
    this.organization = { id: guid('organization', data.organization.id), name: data.organization.name };

    for (const user of data.users) {
      const id = guid(`user ${user.userName}`, user.id);
      if (!AVAILABILITY_VALUES.includes(user.availability))
        problems.push(`user ${user.userName}: availability ${JSON.stringify(user.availability)} is not one of ${AVAILABILITY_VALUES.join(', ')}`);
      const simUser: SimUser = {
        ...user,
        id,
        overflowTarget: copyTarget(user.overflowTarget),
        runtime: { calls: new Map(), wrapUp: null, idleSinceMs, availabilityTimer: null, supervising: new Map() },
      };
      this.addUnique(this.users, id, simUser, `user id ${id}`, problems);
      this.addUnique(this.usersByName, key(user.userName), simUser, `userName ${user.userName}`, problems);
      this.addUnique(this.usersByNumber, normaliseNumber(user.number), simUser, `user number ${user.number}`, problems);
    }
    for (const queue of data.queues) {
      const id = guid(`queue ${queue.name}`, queue.id);
      const simQueue: SimQueue = {
        ...queue,
        id,
        attachedUsers: queue.attachedUsers.map((a) => ({ ...a, userId: a.userId.toLowerCase() })),
        overflowTarget: copyTarget(queue.overflowTarget),
      };
      if (!(queue.maxWaitSeconds > 0)) problems.push(`queue ${queue.name}: maxWaitSeconds must be > 0`);
      if (!(queue.wrapUpSeconds >= 0)) problems.push(`queue ${queue.name}: wrapUpSeconds must be >= 0`);
      if (queue.openStatus !== undefined && !OPEN_STATUS_VALUES.includes(queue.openStatus)) problems.push(`queue ${queue.name}: openStatus must be 0..6`);
      const ou = ouPathProblem(`queue ${queue.name}: ouPath`, queue.ouPath);
      if (ou) problems.push(ou);
      if (queue.serviceLevelSeconds !== undefined && !(queue.serviceLevelSeconds >= 0)) problems.push(`queue ${queue.name}: serviceLevelSeconds must be >= 0`);
      this.addUnique(this.queues, id, simQueue, `queue id ${id}`, problems);
      this.addUnique(this.queuesByNumber, normaliseNumber(queue.number), simQueue, `queue number ${queue.number}`, problems);
    }
    for (const list of data.callLists) {
      const id = guid(`call list ${list.name}`, list.id);
      const simList: SimCallList = { ...list, id, attachedUsers: list.attachedUsers.map((a) => ({ ...a, userId: a.userId.toLowerCase() })) };
      this.addUnique(this.callLists, id, simList, `call list id ${id}`, problems);
    }
    for (const ivr of data.ivrs ?? []) {
      const id = guid(`IVR ${ivr.name}`, ivr.id);
      const simIvr: SimIvr = copyIvr({ ...ivr, id });
      this.addUnique(this.ivrs, id, simIvr, `IVR id ${id}`, problems);
      if (ivr.number) this.addUnique(this.ivrsByNumber, normaliseNumber(ivr.number), simIvr, `IVR number ${ivr.number}`, problems);
    }
    for (const request of data.callbacks ?? []) {
      const id = guid('callback', request.id);
      if (!this.callLists.has(request.callListId.toLowerCase())) problems.push(`callback ${id}: unknown call list ${request.callListId}`);
      this.callbacks.set(id, copyCallback({ ...request, id, callListId: request.callListId.toLowerCase() }));
    }
    this.checkReferences(problems);
    if (problems.length) throw new OrganizationModelError(problems);
  }

  get userList(): readonly SimUser[] {
    return [...this.users.values()];
  }

  get queueList(): readonly SimQueue[] {
    return [...this.queues.values()];
  }

  get callListList(): readonly SimCallList[] {
    return [...this.callLists.values()];
  }

  get callbackList(): readonly CallbackRequestData[] {
    return [...this.callbacks.values()];
  }

  get ivrList(): readonly SimIvr[] {
    return [...this.ivrs.values()];
  }

  /** By id or by number. */
  findIvr(idOrNumber: string): SimIvr | undefined {
    return this.ivrs.get(key(idOrNumber)) ?? this.ivrsByNumber.get(normaliseNumber(idOrNumber));
  }

  /** The OUPath of records from a queue or IVR that names none: the organisation as the root unit. */
  get defaultOuPath(): string {
    return `/${this.organization.name.replace(/\//g, '-') || 'Organisation'}`;
  }

  /** By id or by userName (case-insensitive). */
  findUser(idOrUserName: string): SimUser | undefined {
    return this.users.get(key(idOrUserName)) ?? this.usersByName.get(key(idOrUserName));
  }

  findUserByNumber(number: string): SimUser | undefined {
    return this.usersByNumber.get(normaliseNumber(number));
  }

  /** By id or by number. */
  findQueue(idOrNumber: string): SimQueue | undefined {
    return this.queues.get(key(idOrNumber)) ?? this.queuesByNumber.get(normaliseNumber(idOrNumber));
  }

  findCallList(id: string): SimCallList | undefined {
    return this.callLists.get(key(id));
  }

  findCallback(id: string): CallbackRequestData | undefined {
    return this.callbacks.get(key(id));
  }

  activity(user: SimUser): UserActivity {
    if (user.runtime.calls.size > 0) return 'talking';
    return user.runtime.wrapUp ? 'wrapUp' : 'idle';
  }

  /** Queues the user is attached to, active or not, in model order. */
  queuesOf(userId: string): SimQueue[] {
    const id = key(userId);
    return this.queueList.filter((queue) => queue.attachedUsers.some((a) => a.userId === id));
  }

  activeQueuesOf(userId: string): SimQueue[] {
    const id = key(userId);
    return this.queueList.filter((queue) => queue.attachedUsers.some((a) => a.userId === id && a.active));
  }

  callListsOf(userId: string): SimCallList[] {
    const id = key(userId);
    return this.callListList.filter((list) => list.attachedUsers.some((a) => a.userId === id));
  }

  /** "Serving_CallbackLists": explicit on the user, else whether the user is active in some list. */
  isServingCallbacks(user: SimUser): boolean {
    return user.servingCallbackLists ?? this.callListList.some((list) => list.attachedUsers.some((a) => a.userId === user.id && a.active));
  }

  /** Replaces a queue's attached users; throws OrganizationModelError naming unknown users. */
  setAttachedUsers(queueId: string, attachments: readonly QueueAttachment[]): SimQueue {
    const queue = this.findQueue(queueId);
    if (!queue) throw new OrganizationModelError([`unknown queue ${queueId}`]);
    const problems = attachments.filter((a) => !this.users.has(key(a.userId))).map((a) => `queue ${queue.name}: unknown attached user ${a.userId}`);
    if (problems.length) throw new OrganizationModelError(problems);
    queue.attachedUsers = attachments.map((a) => ({ userId: key(a.userId), priority: a.priority, active: a.active }));
    return queue;
  }

  addCallback(request: CallbackRequestData): CallbackRequestData {
    const copy = copyCallback({ ...request, id: key(request.id), callListId: key(request.callListId) });
    if (!this.callLists.has(copy.callListId)) throw new OrganizationModelError([`callback ${copy.id}: unknown call list ${request.callListId}`]);
    if (this.callbacks.has(copy.id)) throw new OrganizationModelError([`callback ${copy.id} already exists`]);
    this.callbacks.set(copy.id, copy);
    return copy;
  }

  /** The persistable data (no runtime state), e.g. to save the organisation after a run. */
  toData(): OrganizationData {
    return {
      organization: { ...this.organization },
      users: this.userList.map(({ runtime: _runtime, ...user }) => ({ ...user, overflowTarget: copyTarget(user.overflowTarget) })),
      queues: this.queueList.map((queue) => ({
        ...queue,
        attachedUsers: queue.attachedUsers.map((a) => ({ ...a })),
        overflowTarget: copyTarget(queue.overflowTarget),
      })),
      callLists: this.callListList.map((list) => ({ ...list, attachedUsers: list.attachedUsers.map((a) => ({ ...a })) })),
      callbacks: this.callbackList.map(copyCallback),
      ivrs: this.ivrList.map(copyIvr),
    };
  }

  isAvailability(value: string): value is Availability {
    return (AVAILABILITY_VALUES as readonly string[]).includes(value);
  }

  private addUnique<T>(map: Map<string, T>, mapKey: string, value: T, what: string, problems: string[]): void {
    if (map.has(mapKey)) problems.push(`duplicate ${what}`);
    else map.set(mapKey, value);
  }

  private checkReferences(problems: string[]): void {
    const checkTarget = (owner: string, target: OverflowTarget | null | undefined): void => {
      if (!target) return;
      const missing =
        (target.type === 'queue' && !this.queues.has(key(target.queueId))) ||
        (target.type === 'user' && !this.users.has(key(target.userId))) ||
        (target.type === 'callList' && !this.callLists.has(key(target.callListId))) ||
        (target.type === 'external' && !target.number);
      if (missing) problems.push(`${owner}: overflow target ${JSON.stringify(target)} does not exist`);
    };
    for (const queue of this.queues.values()) {
      for (const a of queue.attachedUsers) if (!this.users.has(a.userId)) problems.push(`queue ${queue.name}: unknown attached user ${a.userId}`);
      checkTarget(`queue ${queue.name}`, queue.overflowTarget);
    }
    for (const list of this.callLists.values()) {
      for (const a of list.attachedUsers) if (!this.users.has(a.userId)) problems.push(`call list ${list.name}: unknown attached user ${a.userId}`);
    }
    for (const user of this.users.values()) checkTarget(`user ${user.userName}`, user.overflowTarget);
    const refs = {
      hasQueue: (id: string) => this.queues.has(key(id)),
      hasUser: (id: string) => this.users.has(key(id)),
      hasIvr: (id: string) => this.ivrs.has(key(id)),
    };
    for (const ivr of this.ivrs.values()) problems.push(...ivrProblems(ivr, refs).map((p) => `IVR ${ivr.name}: ${p}`));
  }
}

/** Blocks and options copied, so the model never shares them with the caller's data. */
function copyIvr(ivr: IvrData): SimIvr {
  return {
    ...ivr,
    blocks: ivr.blocks.map((block) => {
      if (block.type === 'Menu') return { ...block, options: block.options.map((o) => ({ ...o, next: { ...o.next } })) };
      if (block.type === 'SpeechInput') return { ...block, choices: [...block.choices], next: { ...block.next } };
      return { ...block, next: { ...block.next } };
    }),
  };
}

function copyCallback(request: CallbackRequestData): CallbackRequestData {
  return { ...request, attempts: request.attempts.map((a) => ({ ...a })), extras: request.extras.map((e) => ({ ...e })) };
}
