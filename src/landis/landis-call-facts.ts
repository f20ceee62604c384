import { PHONE_NUMBER } from '../common/phone-number';
import { DOTNET_GUID, formatAbpDateTime, formatTimeSpan } from './abp-json';
import type { LANDIS_CALL_DIRECTIONS } from './landis-catalog.data';
import type { LandisIvrWebhookData, LandisQueueWebhookData } from './landis.types';

/**
 * The facts of a finished call that both CDR webhooks share, and the checks that keep a CDR
 * coherent. Producers are pure: the same facts give the same Data, so a seeded simulation
 * replays byte for byte.
 */

export type LandisCallDirection = (typeof LANDIS_CALL_DIRECTIONS)[number];

export interface LandisCaller {
  /** Display name (a Teams user, a known contact); null for an unknown PSTN caller. */
  name: string | null;
  /** Entra ID object id; only for Teams users. */
  adId: string | null;
  /** User principal name; only for Teams users. */
  upn: string | null;
  /** E.164 phone number; null for a Teams user calling from Teams. */
  number: string | null;
}

export interface LandisCallIdentity {
  /** This record's id. Every CDR (IVR part, queue part) of one call has its own. */
  callId: string;
  /** The Microsoft Teams call id, the same on every CDR of one call. */
  scenarioId: string;
  direction: LandisCallDirection;
  caller: LandisCaller;
  /** The organisation unit of the IVR or queue, e.g. "/Contoso/Customer Service". */
  ouPath: string;
  /** The CallId of the record the call came from (an IVR or queue), or null. */
  parentId: string | null;
  /** The name of the IVR or queue the call came from, or null. */
  from: string | null;
}

export class LandisFactsError extends Error {}

const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/** The display name Teams shows for a UPN such as anna.virtanen@example.com: "Anna Virtanen". */
export function displayNameFromUpn(upn: string): string {
  return upn.split('@')[0].split('.').map(capitalised).join(' ');
}

export function requireGuid(value: string, what: string): string {
  if (!DOTNET_GUID.test(value)) throw new LandisFactsError(`${what} must be a lower-case GUID, got ${JSON.stringify(value)}`);
  return value;
}

export function optionalGuid(value: string | null, what: string): string | null {
  return value === null ? null : requireGuid(value, what);
}

export function requireText(value: string, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new LandisFactsError(`${what} must be a non-empty text`);
  return value;
}

export function requirePhoneNumber(value: string, what: string): string {
  if (!PHONE_NUMBER.test(value)) throw new LandisFactsError(`${what} must be a phone number such as +15551234567, got ${JSON.stringify(value)}`);
  return value;
}

export function millisecondsBetween(from: Date, to: Date, what: string): number {
  for (const date of [from, to]) {
    if (!(date instanceof Date) || Number.isNaN(date.getTime())) throw new LandisFactsError(`${what}: times must be valid Dates`);
  }
  const ms = to.getTime() - from.getTime();
  if (ms < 0) throw new LandisFactsError(`${what}: ${to.toISOString()} is before ${from.toISOString()}`);
  return ms;
}

/** A transfer to something the platform knows (with an id) or to a phone number (the number is its name). */
export type LandisTransferTarget = { type: 'Queue' | 'User' | 'IVR'; toId: string; toName: string } | { type: 'ExternalNumber'; number: string };

/** Type, id and name of a transfer target, checked. */
export function transferTarget(target: LandisTransferTarget): { type: LandisTransferTarget['type']; id: string | null; name: string } {
  if (target.type === 'ExternalNumber') return { type: target.type, id: null, name: requirePhoneNumber(target.number, 'transfer number') };
  return { type: target.type, id: requireGuid(target.toId, 'transfer toId'), name: requireText(target.toName, 'transfer toName') };
}

/** The leading properties both CDRs share, in table order. */
export function cdrHead(identity: LandisCallIdentity, startedAt: Date, endedAt: Date) {
  const { caller } = identity;
  if (caller.number !== null) requirePhoneNumber(caller.number, 'caller.number');
  if ((caller.adId === null) !== (caller.upn === null)) {
    throw new LandisFactsError('caller.adId and caller.upn come together: both for a Teams user, neither for a PSTN caller');
  }
  if (caller.name === null && caller.number === null) throw new LandisFactsError('caller needs a name or a number');
  return {
    CallId: requireGuid(identity.callId, 'callId'),
    ScenarioId: requireGuid(identity.scenarioId, 'scenarioId'),
    CallDirection: identity.direction,
    // An unknown PSTN caller is shown by number, as Teams shows it.
    CallerName: caller.name ?? caller.number,
    CallerAdId: optionalGuid(caller.adId, 'caller.adId'),
    CallerUpn: caller.upn,
    CallerNumber: caller.number,
    StartDateTime: formatAbpDateTime(startedAt),
    EndDateTime: formatAbpDateTime(endedAt),
    CallLength: formatTimeSpan(millisecondsBetween(startedAt, endedAt, 'call length')),
  };
}

/** The properties both CDRs share between their own ones. */
export function cdrOrigin(identity: LandisCallIdentity) {
  if (!identity.ouPath.startsWith('/')) throw new LandisFactsError(`ouPath must start with "/", got ${JSON.stringify(identity.ouPath)}`);
  if ((identity.parentId === null) !== (identity.from === null)) {
    throw new LandisFactsError('parentId and from come together: both when the call was transferred from an IVR or queue, neither otherwise');
  }
  return {
    ResourceAccountObjectId: null,
    OUPath: identity.ouPath,
    ParentId: optionalGuid(identity.parentId, 'parentId'),
    From: identity.from,
  };
}

/**
 * The identity of the next record of the same call, after `parent` transferred it: same Teams
 * call and caller, its own CallId, ParentId = the parent's CallId, From = the parent's name.
 */
export function continuedFrom(parent: LandisIvrWebhookData | LandisQueueWebhookData, next: { callId: string; ouPath: string }): LandisCallIdentity {
  const knownName = parent.CallerName !== null && parent.CallerName !== parent.CallerNumber;
  return {
    callId: next.callId,
    scenarioId: parent.ScenarioId,
    direction: parent.CallDirection as LandisCallDirection,
    caller: { name: knownName ? parent.CallerName : null, adId: parent.CallerAdId, upn: parent.CallerUpn, number: parent.CallerNumber },
    ouPath: next.ouPath,
    parentId: parent.CallId,
    from: 'IvrName' in parent ? parent.IvrName : parent.QueueName,
  };
}
