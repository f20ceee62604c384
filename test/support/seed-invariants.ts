/**
 * An independent checker of the webhook document's invariants over what a receiver got. It knows
 * the contract only from GET /api/event-types (the seed's tables as the API publishes them) and
 * the rules below; it shares no code with the simulation, so it can catch the simulation out.
 */

export type Payload = Record<string, unknown> & { Id: string; EventType: string; Timestamp: string };

export interface EventTypeContract {
  Name: string;
  EntityType: string;
  EntityIdProperty: string;
  Properties: { Name: string; Type: string; AllowedValues?: readonly (string | number)[]; ElementProperties?: { Name: string; Type: string }[] }[];
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The platform's .NET form: UTC, no zone suffix, fraction of up to 7 digits with trailing zeros trimmed. */
const DOTNET_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{0,6}[1-9])?$/;
const COMMON = ['RootEntityType', 'RootEntityId', 'EventType', 'EntityType', 'EntityId', 'Id', 'Timestamp'];
const CALL_STARTS = new Set(['QueueCallInComing', 'UserCallInComing', 'UserCallOutGoing']);
const CALL_ENDS = new Set(['QueueCallInDisconnected', 'UserCallInDisconnected', 'UserCallOutDisconnected']);
/** What may still follow a call's end: the agent's wrap-up, supervision ending, the callback it became. */
const AFTER_END = new Set(['UserWrapUpStarted', 'UserWrapUpTerminated', 'UserSupervisionStatus', 'CallbackChanged']);

const timeMs = (t: string): number => Date.parse(`${t}Z`);
const isInt = (v: unknown): boolean => typeof v === 'number' && Number.isInteger(v);

function checkValue(type: string, value: unknown): string | null {
  const nullable = type.endsWith('?') || type === 'string';
  if (value === null) return nullable ? null : 'null for a non-nullable value';
  const base = type.replace(/\?$/, '');
  switch (base) {
    case 'Guid':
      return typeof value === 'string' && GUID.test(value) ? null : 'not a GUID';
    case 'string':
    case 'SupervisionState':
      return typeof value === 'string' ? null : 'not a string';
    case 'int':
    case 'long':
    case 'short':
      return isInt(value) ? null : 'not an integer';
    case 'bool':
      return typeof value === 'boolean' ? null : 'not a boolean';
    case 'DateTime':
      return typeof value === 'string' && DOTNET_TIME.test(value) ? null : 'not a .NET DateTime';
    default:
      return base.startsWith('List<') ? (Array.isArray(value) ? null : 'not a list') : `unknown type ${type}`;
  }
}

/** Every violation found, one line each; an empty list means the stream keeps every invariant. */
export function checkSeedInvariants(events: Payload[], contracts: EventTypeContract[]): string[] {
  const v: string[] = [];
  const byName = new Map(contracts.map((c) => [c.Name, c]));

  // Ids: one Id is one event (a duplicate delivery repeats the body byte for byte).
  const bodies = new Map<string, string>();
  const unique: Payload[] = [];
  for (const e of events) {
    const body = JSON.stringify(e);
    const seen = bodies.get(e.Id);
    if (seen === undefined) {
      bodies.set(e.Id, body);
      unique.push(e);
    } else if (seen !== body) v.push(`Id ${e.Id} came with two different bodies`);
  }

  // Shape and value sets, per event.
  for (const e of unique) {
    const c = byName.get(e.EventType);
    if (!c) {
      v.push(`${e.Id}: unknown EventType ${e.EventType}`);
      continue;
    }
    const expected = new Set([...COMMON, ...c.Properties.map((p) => p.Name)]);
    for (const key of Object.keys(e)) if (!expected.has(key)) v.push(`${e.EventType} ${e.Id}: property ${key} is not in its table`);
    for (const key of expected) if (!(key in e)) v.push(`${e.EventType} ${e.Id}: property ${key} is missing`);
    if (e.RootEntityType !== 'Organization') v.push(`${e.EventType} ${e.Id}: RootEntityType ${String(e.RootEntityType)}`);
    if (e.EntityType !== c.EntityType) v.push(`${e.EventType} ${e.Id}: EntityType ${String(e.EntityType)}, table says ${c.EntityType}`);
    if (e.EntityId !== e[c.EntityIdProperty]) v.push(`${e.EventType} ${e.Id}: EntityId is not its ${c.EntityIdProperty}`);
    if ('OrganizationId' in e && e.RootEntityId !== e.OrganizationId) v.push(`${e.EventType} ${e.Id}: RootEntityId is not OrganizationId`);
    if (!GUID.test(e.Id)) v.push(`${e.EventType}: Id ${e.Id} is not a GUID`);
    if (!DOTNET_TIME.test(e.Timestamp)) v.push(`${e.EventType} ${e.Id}: Timestamp ${e.Timestamp} is not the platform's form`);
    for (const p of c.Properties) {
      const value = e[p.Name];
      const problem = checkValue(p.Type, value);
      if (problem) v.push(`${e.EventType} ${e.Id}: ${p.Name} ${JSON.stringify(value)}: ${problem}`);
      if (p.AllowedValues && value !== null && !p.AllowedValues.includes(value as string | number)) {
        v.push(`${e.EventType} ${e.Id}: ${p.Name} ${JSON.stringify(value)} is not one of ${p.AllowedValues.join(', ')}`);
      }
      if (p.ElementProperties && Array.isArray(value)) {
        const names = p.ElementProperties.map((x) => x.Name)
          .sort()
          .join(',');
        for (const item of value as Record<string, unknown>[]) {
          if (Object.keys(item).sort().join(',') !== names) v.push(`${e.EventType} ${e.Id}: an element of ${p.Name} has ${Object.keys(item).join(',')}`);
        }
      }
    }
  }

  // One organisation; a user's name and a queue's name and number are the same in every event.
  if (new Set(unique.map((e) => e.RootEntityId)).size > 1) v.push('events of more than one organisation');
  const tie = (label: string, key: (e: Payload) => unknown, value: (e: Payload) => unknown) => {
    const seen = new Map<unknown, unknown>();
    for (const e of unique) {
      const k = key(e);
      const val = value(e);
      if (k == null || val == null) continue;
      if (seen.has(k) && seen.get(k) !== val) v.push(`${label} ${String(k)}: ${String(seen.get(k))} and ${String(val)}`);
      else seen.set(k, val);
    }
  };
  tie(
    'user name of',
    (e) => e.UserId,
    (e) => e.UserName ?? e.Username,
  );
  tie(
    'queue name of',
    (e) => e.QueueId,
    (e) => e.QueueName,
  );
  tie(
    'queue number of',
    (e) => e.QueueId,
    (e) => e.QueueNumber,
  );

  // Calls: identity, strictly increasing timestamps, order.
  const calls = new Map<string, Payload[]>();
  for (const e of unique) if (typeof e.CallId === 'string') calls.set(e.CallId, [...(calls.get(e.CallId) ?? []), e]);
  for (const [callId, list] of calls) {
    const sorted = [...list].sort((a, b) => timeMs(a.Timestamp) - timeMs(b.Timestamp));
    for (let i = 1; i < sorted.length; i++) {
      if (timeMs(sorted[i].Timestamp) === timeMs(sorted[i - 1].Timestamp)) {
        v.push(`call ${callId}: ${sorted[i - 1].EventType} and ${sorted[i].EventType} share Timestamp ${sorted[i].Timestamp}`);
      }
    }
    for (const key of ['LegId', 'CallerNumber', 'TargetNumber']) {
      const values = new Set(sorted.filter((e) => key in e && !(e.EventType === 'UserSupervisionStatus' && key !== 'LegId')).map((e) => e[key]));
      if (values.size > 1) v.push(`call ${callId}: ${values.size} different ${key}s`);
    }
    const callEvents = sorted.filter((e) => 'CallerNumber' in e);
    if (callEvents.length && !CALL_STARTS.has(callEvents[0].EventType)) v.push(`call ${callId}: starts with ${callEvents[0].EventType}`);
    const endAt = sorted.findIndex((e) => CALL_ENDS.has(e.EventType));
    if (endAt >= 0) {
      for (const e of sorted.slice(endAt + 1)) if (!AFTER_END.has(e.EventType)) v.push(`call ${callId}: ${e.EventType} after ${sorted[endAt].EventType}`);
    }
    const allocated = new Set<string>();
    for (const e of sorted) {
      const kind = e.EventType.startsWith('Queue') ? 'Queue' : 'User';
      if (e.EventType.endsWith('CallInUserAllocated')) allocated.add(`${kind}:${String(e.UserId)}`);
      if ((e.EventType.endsWith('CallInUserConnected') || e.EventType.endsWith('CallInUserCancelled')) && !allocated.has(`${kind}:${String(e.UserId)}`)) {
        v.push(`call ${callId}: ${e.EventType} of ${String(e.UserId)} without its allocation before`);
      }
      if (e.EventType.endsWith('CallInUserConnected') && e.AgentLegId === e.LegId) v.push(`call ${callId}: AgentLegId equals LegId`);
    }
    // Wrap-up: started before it ends, never longer than its maximum, and as long as it says.
    for (const t of sorted.filter((e) => e.EventType === 'UserWrapUpTerminated')) {
      const s = sorted.find((e) => e.EventType === 'UserWrapUpStarted' && e.UserId === t.UserId && e.QueueId === t.QueueId);
      if (!s || timeMs(s.Timestamp) >= timeMs(t.Timestamp)) {
        v.push(`call ${callId}: UserWrapUpTerminated without UserWrapUpStarted before it`);
        continue;
      }
      const max = s.MaxWrapUpDurationSec as number;
      const elapsed = t.ElapsedTimeSec as number;
      if (elapsed > max) v.push(`call ${callId}: wrap-up of ${elapsed} s exceeds MaxWrapUpDurationSec ${max}`);
      if (t.Reason === 'timer' && elapsed !== max) v.push(`call ${callId}: a timer wrap-up ended after ${elapsed} s, not at its maximum ${max}`);
      const actual = (timeMs(t.Timestamp) - timeMs(s.Timestamp)) / 1000;
      if (Math.abs(actual - elapsed) > 1) v.push(`call ${callId}: ElapsedTimeSec ${elapsed} but ${actual} s passed`);
    }
  }

  // Counters.
  for (const e of unique.filter((x) => x.EventType === 'QueueStatus')) {
    const n = (k: string) => e[k] as number;
    for (const k of Object.keys(e).filter((x) => x.startsWith('NbrOf') || x === 'MaxWaitTime'))
      if (!(n(k) >= 0)) v.push(`QueueStatus ${e.Id}: ${k} ${n(k)} < 0`);
    if (n('NbrOfRequesters') !== n('NbrOfQueuingRequesters') + n('NbrOfAllocated') + n('NbrOfConnected'))
      v.push(`QueueStatus ${e.Id}: requesters != queuing + allocated + connected`);
    if (n('NbrOfNotServedRequesters') !== n('NbrOfQueuingRequesters') + n('NbrOfAllocated')) v.push(`QueueStatus ${e.Id}: not served != queuing + allocated`);
    const agents = n('NbrOfAgentsLongTermAway') + n('NbrOfAgentsShortTermAway') + n('NbrOfAgentsOnWrapUp') + n('NbrOfAgentsImmediatelyFree');
    if (n('NbrOfAgentsCheckedInQueue') !== agents) v.push(`QueueStatus ${e.Id}: checked in != away + short away + wrap-up + free`);
    if (n('NbrOfServingAgentsEstimate') !== n('NbrOfAgentsCheckedInQueue') - n('NbrOfAgentsLongTermAway'))
      v.push(`QueueStatus ${e.Id}: serving estimate != checked in - long-term away`);
  }
  for (const e of unique.filter((x) => x.EventType === 'CallbackListStatus')) {
    const n = (k: string) => e[k] as number;
    for (const k of Object.keys(e).filter((x) => x.startsWith('Total') || x.startsWith('Next') || x === 'ExpiresIn24h'))
      if (!(n(k) >= 0)) v.push(`CallbackListStatus ${e.Id}: ${k} < 0`);
    for (const k of ['TotalAssigned', 'TotalFreeForAllocation', 'TotalHidingNotBefore', 'TotalOverDueDate']) {
      if (n(k) > n('TotalOpenRequests')) v.push(`CallbackListStatus ${e.Id}: ${k} ${n(k)} > TotalOpenRequests ${n('TotalOpenRequests')}`);
    }
  }
  return v;
}
