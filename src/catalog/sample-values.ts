import type { SeededRandom } from '../common/seeded-random';
import { queueStatusCounters } from './queue-counters';
import type { PropertyDefinition } from './catalog.types';
import { DOTNET_DATETIME_MAX } from './dotnet-timestamp';
import { AVAILABILITY_VALUES, CALLBACK_TYPE, OPEN_STATUS } from './enums';
import { getHelperType, listElementTypeName, resolveEventType, type EventTypeName } from './event-catalog';
import type { PayloadOf } from './payload.types';
import { createSampleWorld, finnishMobile, type SampleContext, type SampleWorld } from './sample-world';

export type { SampleContext } from './sample-world';

/**
 * Realistic, internally consistent values for any event, drawn from a seeded stream so a scenario
 * replays byte for byte. Properties are filled by name (the same CallId, caller and user across an
 * event), a few events get their own rules where values must agree with each other (queue
 * counters, callback history), and anything else falls back to its value type.
 */

type Values = Record<string, unknown>;
/** Typed per event, so a misspelt property (UserName for Username) fails to compile. */
type Samplers = { [N in EventTypeName]?: (w: SampleWorld, rng: SeededRandom) => Partial<PayloadOf<N>> };

/**
 * The seed names SupervisionState but never lists its values, so no enum is declared for it.
 * Samples need some state name; these are emulator placeholders, not platform values.
 */
export const SAMPLE_SUPERVISION_STATES = ['Supervising', 'Ended'] as const;

const NOTES = ['Lunch', 'Meeting until 14', 'On holiday', 'Training', null];
const APPLETS = ['ServiceQueueOverflow', 'TimeControlledTransfer', 'MenuTransfer'];
const TECH_SOURCES = ['Queue', 'User', 'IVR'];

/** Seconds between `from` and `to` offsets, inclusive, as a sorted list of `count` offsets. */
function sortedOffsets(rng: SeededRandom, count: number, from: number, to: number): number[] {
  return Array.from({ length: count }, () => rng.int(from, to)).sort((a, b) => a - b);
}

const wrapUpEnabled = (_w: SampleWorld, rng: SeededRandom) => ({ MaxWrapUpDurationSec: rng.pick([30, 60, 90, 120]) });

const SAMPLERS: Samplers = {
  UserAvailability: (w, rng) => {
    const availability = rng.pick(AVAILABILITY_VALUES);
    const continuous = availability === 'Available' || rng.bool(0.3);
    return {
      Availability: availability,
      EndTime: continuous ? DOTNET_DATETIME_MAX : w.at(rng.int(15, 480) * 60),
      EventSource: rng.pick(['User', 'Calendar', 'Schedule']),
      Note: availability === 'Available' ? null : rng.pick(NOTES),
      ProfileId: rng.uuid(),
      StartTime: w.at(-rng.int(0, 240) * 60),
    };
  },

  UserCallInUserOverflow: (w, rng) => ({
    Target: rng.bool() ? finnishMobile(rng) : w.otherPerson().id,
  }),

  UserStatus: (w, rng) => {
    // Derived the way the descriptions define them, so the composite flags agree with their parts.
    const availability = rng.pick(AVAILABILITY_VALUES);
    const serving = rng.bool(0.8);
    const talking = rng.bool(0.3);
    const wrapUp = !talking && rng.bool(0.2);
    const terminals = rng.int(0, 3);
    const available = availability === 'Available';
    const schedule = availability !== 'OffWork';
    return {
      ActiveQueueId: talking && serving ? w.queue.id : null,
      ActiveQueues: serving ? rng.int(1, 5) : 0,
      Available: available,
      CanBeAllocatedTo: available && schedule && serving && !talking && !wrapUp && terminals > 0,
      ParkedCalls: talking ? rng.int(0, 1) : 0,
      Schedule: schedule,
      ServiceTerminals: terminals,
      Serving: serving,
      ServingCallback: rng.bool(0.3),
      Talking: talking,
      WrapUpEnd: wrapUp ? w.at(rng.int(5, 60)) : null,
    };
  },

  UserSupervisionStatus: (w, rng) => {
    // The event's entity is the supervisor (see user-events.data.ts), so the context user supervises.
    const target = w.otherPerson();
    const inQueue = rng.bool(0.8);
    return {
      QueueId: inQueue ? w.queue.id : null,
      QueueName: inQueue ? w.queue.name : null,
      State: rng.pick(SAMPLE_SUPERVISION_STATES),
      SupervisorLegId: rng.bool() ? rng.uuid() : null,
      SupervisorUserId: w.user.id,
      SupervisorUserName: w.user.userName,
      TargetUserId: target.id,
      TargetUserName: target.userName,
    };
  },

  UserWrapUpEnabled: wrapUpEnabled,
  UserWrapUpStarted: wrapUpEnabled,

  UserWrapUpTerminated: (_w, rng) => {
    const max = rng.pick([30, 60, 90, 120]);
    const reason = rng.pick(['manual', 'timer']);
    // The timer ends wrap-up at its maximum; a manual end comes earlier.
    return { Reason: reason, ElapsedTimeSec: reason === 'timer' ? max : rng.int(1, max - 1) };
  },

  QueueAttachedUsers: (w, rng) => {
    const others = Array.from({ length: rng.int(1, 6) }, () => w.otherPerson().id);
    return {
      AttachedUsers: rng.shuffle([w.user.id, ...others]).map((userId) => ({ Active: rng.bool(0.8), Priority: rng.int(1, 5), UserId: userId })),
    };
  },

  QueueStatus: (_w, rng) => {
    // Agents partition into long-term away, short-term away (ringing or talking), wrap-up and free;
    // calls into queuing, allocated (ringing an agent) and connected.
    const checkedIn = rng.int(0, 12);
    const longAway = rng.int(0, checkedIn);
    const shortAway = rng.int(0, checkedIn - longAway);
    const wrapUp = rng.int(0, checkedIn - longAway - shortAway);
    const free = checkedIn - longAway - shortAway - wrapUp;
    const connected = rng.int(0, shortAway);
    const allocated = rng.int(0, shortAway - connected);
    const openStatus = rng.bool(0.8) ? OPEN_STATUS.Open : rng.pick(Object.values(OPEN_STATUS));
    const open = openStatus === OPEN_STATUS.Open || openStatus === OPEN_STATUS.OpenUncertain;
    const queuing = !open ? 0 : free > 0 ? rng.int(0, 1) : rng.int(0, 15);
    return {
      MaxWaitTime: queuing > 0 ? rng.int(5, 900) : 0, // unit not stated by the seed; seconds here
      ...queueStatusCounters({ longAway, shortAway, onWrapUp: wrapUp, free, queuing, allocated, connected }),
      OpenStatus: openStatus,
    };
  },

  CallbackChanged: (w, rng) => {
    const typeId = rng.pick(Object.values(CALLBACK_TYPE));
    const manual = typeId === CALLBACK_TYPE.CreatedManually;
    const createdAgo = rng.int(600, 3 * 86400);
    const attemptTimes = sortedOffsets(rng, rng.int(0, 3), -createdAgo + 60, -30);
    const attempts = attemptTimes.map((offset) => ({
      CallbackAttemptTypeId: rng.int(1, 6),
      Id: rng.uuid(),
      Note: rng.pick(['No answer', 'Left a voicemail', 'Customer asked to call back later', null]),
      Timestamp: w.at(offset),
      UserId: rng.bool(0.8) ? w.user.id : w.otherPerson().id,
    }));
    const last = attempts.at(-1);
    const hasRecording = !manual && rng.bool(0.4);
    return {
      AssignedUserId: rng.bool(0.6) ? w.user.id : null,
      CalculatedPriority: String(rng.int(1, 100)),
      CallbackAttempts: attempts,
      CallbackExtras: rng
        .shuffle([
          { Id: 1, Name: 'CustomerNumber', Value: String(rng.int(100000, 999999)) },
          { Id: 2, Name: 'Language', Value: rng.pick(['fi', 'sv', 'en']) },
          { Id: 3, Name: 'Topic', Value: rng.pick(['Billing', 'Order status', 'Contract']) },
        ])
        .slice(0, rng.int(0, 3)),
      CallBackId: rng.uuid(),
      CallbackRelatedItems: Array.from({ length: rng.int(0, 2) }, () => {
        const closed = rng.bool();
        return { Id: rng.uuid(), IsClosed: closed, ListId: rng.bool(0.8) ? w.callListId : null, StatusId: closed ? rng.int(1, 6) : null };
      }),
      CallId: manual ? null : w.call.id,
      ChannelIn: manual ? null : w.queue.name,
      ClassificationId: rng.bool(0.2) ? rng.uuid() : null,
      ContactMessage: '',
      ContactName: rng.bool(0.2) ? 'Matti Meikäläinen' : '',
      ContactNumber: w.call.callerNumber,
      CreationTime: w.at(-createdAgo),
      DueDate: rng.bool(0.7) ? w.at(-createdAgo + 86400) : null,
      ExpiryDate: rng.bool(0.5) ? w.at(-createdAgo + 7 * 86400) : null,
      LastAttemptNote: last ? last.Note : null,
      LastAttemptTimestamp: last ? last.Timestamp : null,
      LastAttemptTypeId: last ? last.CallbackAttemptTypeId : null,
      LastAttemptUserId: last ? last.UserId : null,
      LastModifiedUserId: last ? last.UserId : null, // "null if new or admin"
      Modified: last ? last.Timestamp : w.at(-createdAgo),
      NotBefore: rng.bool(0.2) ? w.at(-createdAgo + 3600) : null,
      Note: rng.bool(0.3) ? 'Customer prefers afternoons' : null,
      RecordingId: hasRecording ? rng.uuid() : null,
      TranscriptId: hasRecording && rng.bool() ? rng.uuid() : null,
      TypeId: typeId,
    };
  },

  CallbackListStatus: (_w, rng) => {
    // Open requests split into assigned, hidden by NotBefore and free; agent counts nest likewise.
    const open = rng.int(0, 40);
    const assigned = rng.int(0, open);
    const hiding = rng.int(0, open - assigned);
    const overdue = rng.int(0, open);
    const active = rng.int(0, 10);
    const activeAndServing = rng.int(0, active);
    const isAuto = rng.bool();
    return {
      ExpiresIn24h: rng.int(0, open),
      IsAutoAllocate: isAuto,
      NextHourOverDueDate: rng.int(0, open - overdue),
      NextHourRevealedNotBefore: rng.int(0, hiding),
      TotalActiveAgents: active,
      TotalAssigned: assigned,
      TotalAutoAllocateAgents: activeAndServing,
      TotalFreeForAllocation: open - assigned - hiding,
      TotalHidingNotBefore: hiding,
      TotalOpenRequests: open,
      TotalOverDueDate: overdue,
      TotalServingAgents: activeAndServing + rng.int(0, 3),
      TotalServingAutoAllocateAgents: isAuto ? activeAndServing : 0,
    };
  },
};

/** Values every event shares by property name; undefined means "not a shared name". */
function byName(name: string, eventName: string, w: SampleWorld, rng: SeededRandom, enumValues?: readonly unknown[]): unknown {
  const outgoing = eventName.startsWith('UserCallOut');
  const queueEvent = eventName.startsWith('Queue');
  switch (name) {
    case 'OrganizationId':
      return w.organizationId;
    case 'UserId':
      return w.user.id;
    case 'UserName':
    case 'Username':
      return w.user.userName;
    case 'UserNumber':
      return w.user.number;
    case 'CallId':
      return w.call.id;
    case 'LegId':
      return w.call.legId;
    case 'AgentLegId':
      return w.call.agentLegId;
    case 'CallerNumber':
      return outgoing ? w.user.number : w.call.callerNumber;
    case 'TargetNumber':
      // Outgoing calls dial the external party; incoming ones were placed to the queue's or the user's number.
      return outgoing ? w.call.callerNumber : (w.targetNumber ?? (queueEvent ? w.queue.number : w.user.number));
    case 'QueueId':
      return w.queue.id;
    case 'QueueName':
      return w.queue.name;
    case 'QueueNumber':
      return w.queue.number;
    case 'TechQueueId':
      return w.techQueue.id;
    case 'TechQueueName':
      return w.techQueue.name;
    case 'CallListId':
      return w.callListId;
    case 'Reason':
      return enumValues ? rng.pick(enumValues) : rng.pick(['NoAnswer', 'Rejected', 'Timeout']);
    case 'DetailedReason':
      // "Optional" on allocations; a cancellation or transfer has one more often.
      if (eventName.endsWith('Allocated')) return rng.bool(0.2) ? rng.pick(['LongestIdle', 'PreferredAgent']) : null;
      return rng.bool(0.7) ? rng.pick(['AgentRejected', 'CallerHungUp', 'AllocationTimeout']) : null;
    case 'TechReason':
      return queueEvent ? rng.pick(['busy_on_busy', 'ivr_menu_failure', 'normal_clearing']) : rng.pick(['486', '487', '603', '200']);
    case 'ConnectedTarget':
    case 'TransferTarget':
      return rng.bool() ? finnishMobile(rng) : w.otherPerson().id;
    case 'TransferApplet':
    case 'OverflowApplet':
      return rng.pick(APPLETS);
    case 'TransferSource':
    case 'TechSource':
    case 'TechType':
      return rng.pick(TECH_SOURCES);
    case 'TechEvent':
      return rng.pick(['QueueTimeout', 'NoAgentsAvailable', 'QueueFull']);
    case 'TechNumber':
      return w.queue.number;
    default:
      return undefined;
  }
}

/** Last resort by value type, so a property added to the catalog still gets a valid value. */
function byType(property: PropertyDefinition, w: SampleWorld, rng: SeededRandom): unknown {
  if (property.enum) return rng.pick(property.enum as readonly unknown[]);
  const element = listElementTypeName(property.type);
  if (element) {
    const helper = getHelperType(element);
    if (!helper) return [];
    return Array.from({ length: rng.int(0, 2) }, () => {
      const item: Values = {};
      for (const p of helper.properties) item[p.name] = byType(p, w, rng);
      return item;
    });
  }
  const nullable = property.type.endsWith('?');
  if (nullable && rng.bool(0.3)) return null;
  switch (property.type.replace('?', '')) {
    case 'Guid':
      return rng.uuid();
    case 'int':
      return rng.int(0, 10);
    case 'short':
      return rng.int(0, 100);
    case 'long':
      return rng.int(0, 10_000);
    case 'bool':
      return rng.bool();
    case 'DateTime':
      return w.at(-rng.int(0, 3600));
    case 'SupervisionState':
      return rng.pick(SAMPLE_SUPERVISION_STATES);
    default:
      return `Sample ${property.name}`;
  }
}

/** Property names per table, built once: every simulated event is sampled. */
const propertyNames = new WeakMap<readonly PropertyDefinition[], ReadonlySet<string>>();
function propertyNamesOf(properties: readonly PropertyDefinition[]): ReadonlySet<string> {
  let names = propertyNames.get(properties);
  if (!names) {
    names = new Set(properties.map((property) => property.name));
    propertyNames.set(properties, names);
  }
  return names;
}

/** Every property of the event (a listed name or an alias), in table order. Throws on an unknown event. */
export function sampleValues(eventType: string, rng: SeededRandom, context: SampleContext = {}): Values {
  const resolved = resolveEventType(eventType);
  if (!resolved) throw new Error(`Unknown event type ${JSON.stringify(eventType)}`);
  const { def } = resolved;
  const w = createSampleWorld(rng, context);
  const sampler = SAMPLERS[def.name as EventTypeName] as ((w: SampleWorld, rng: SeededRandom) => Values) | undefined;
  const specific = sampler?.(w, rng) ?? {};
  // The Samplers type checks value types, but a block-bodied sampler can return a misspelt key unnoticed.
  const names = propertyNamesOf(def.properties);
  const stray = Object.keys(specific).filter((key) => !names.has(key));
  if (stray.length) throw new Error(`Sampler for ${def.name} sets ${stray.join(', ')}, which the event does not define`);
  const values: Values = {};
  for (const property of def.properties) {
    if (property.name in specific) {
      values[property.name] = specific[property.name];
      continue;
    }
    const shared = byName(property.name, def.name, w, rng, property.enum as readonly unknown[] | undefined);
    values[property.name] = shared !== undefined ? shared : byType(property, w, rng);
  }
  return values;
}
