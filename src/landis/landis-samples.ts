import { DEFAULT_SAMPLE_NOW, finnishMobile, samplePerson } from '../catalog/sample-world';
import type { SeededRandom } from '../common/seeded-random';
import { displayNameFromUpn, type LandisCaller } from './landis-call-facts';
import { buildIvrWebhookData, type LandisIvrCallFacts, type LandisIvrOutcome } from './landis-ivr-cdr';
import { buildQueueWebhookData, type LandisAgent, type LandisQueueCallFacts, type LandisQueueTransfer } from './landis-queue-cdr';
import { buildTestWebhookData } from './landis-test-webhook';
import type { LandisDataOf, LandisEventName, LandisIvrWebhookData, LandisQueueWebhookData, LandisTestWebhookData } from './landis.types';

/**
 * Realistic sample calls for the Landis events, from a seeded random source so a sample is
 * reproducible: for the catalog's sample payloads and for tests. Proportions are plausible for a
 * service line (most calls answered, some abandoned, a few timing out), not measured.
 */

const OU_PATHS = ['/Contoso/Customer Service', '/Contoso/Sales', '/Contoso/Support/Tier 1', '/Contoso/Billing'];
const QUEUE_NAMES = ['Customer Service', 'Sales', 'Technical Support', 'Billing', 'Switchboard'];
const IVR_NAMES = ['Main menu', 'After hours', 'Language selection', 'Billing menu'];
const CALLER_NAMES = ['Pekka Salonen', 'Maria Lindqvist', 'John Carter', 'Eeva Rantanen', 'Olli Peltonen'];

/** A Teams user of the organisation: name and UPN agree (anna.virtanen@example.com is Anna Virtanen). */
function teamsUser(rng: SeededRandom): { id: string; adId: string; name: string; upn: string; number: string } {
  const person = samplePerson(rng);
  const name = displayNameFromUpn(person.userName);
  return { id: person.id, adId: rng.uuid(), name, upn: person.userName, number: person.number };
}

function sampleCaller(rng: SeededRandom): LandisCaller {
  const kind = rng.float(0, 1);
  if (kind < 0.7) return { name: null, adId: null, upn: null, number: finnishMobile(rng) };
  if (kind < 0.85) return { name: rng.pick(CALLER_NAMES), adId: null, upn: null, number: finnishMobile(rng) };
  const user = teamsUser(rng);
  return { name: user.name, adId: user.adId, upn: user.upn, number: null };
}

const seconds = (from: Date, s: number): Date => new Date(from.getTime() + Math.round(s * 1000));

function sampleQueueTransfer(rng: SeededRandom): LandisQueueTransfer {
  switch (rng.pick(['Queue', 'User', 'IVR', 'ExternalNumber', 'Voicemail', 'Disconnect'] as const)) {
    case 'Queue':
      return { type: 'Queue', toId: rng.uuid(), toName: `${rng.pick(QUEUE_NAMES)} overflow` };
    case 'User':
      return { type: 'User', toId: rng.uuid(), toName: teamsUser(rng).name };
    case 'IVR':
      return { type: 'IVR', toId: rng.uuid(), toName: rng.pick(IVR_NAMES) };
    case 'ExternalNumber':
      return { type: 'ExternalNumber', number: finnishMobile(rng) };
    case 'Voicemail':
      return { type: 'Voicemail', mailbox: `${rng.pick(QUEUE_NAMES)} voicemail` };
    case 'Disconnect':
      return { type: 'Disconnect' };
  }
}

/** A finished queue call; `start` is when it entered the queue. */
export function sampleQueueCallFacts(rng: SeededRandom, start: Date = new Date(DEFAULT_SAMPLE_NOW)): LandisQueueCallFacts {
  const viaIvr = rng.bool(0.6);
  const serviceLevelMs = rng.pick([20, 30, 60]) * 1000;
  const base = {
    callId: rng.uuid(),
    scenarioId: rng.uuid(),
    direction: 'Inbound' as const,
    caller: sampleCaller(rng),
    ouPath: rng.pick(OU_PATHS),
    parentId: viaIvr ? rng.uuid() : null,
    from: viaIvr ? rng.pick(IVR_NAMES) : null,
    queue: { id: rng.uuid(), name: rng.pick(QUEUE_NAMES), serviceLevelMs },
    enteredAt: start,
    callbackRequestId: null,
  };
  const outcome = rng.float(0, 1);
  if (outcome < 0.7) {
    const connectedAt = seconds(start, rng.float(2, (serviceLevelMs / 1000) * 2.5));
    const user = teamsUser(rng);
    const agent: LandisAgent = { id: user.id, adId: user.adId, name: user.name, upn: user.upn };
    return { ...base, connectedAt, endedAt: seconds(connectedAt, rng.float(30, 600)), agent, leaveReason: 'Answered', transfer: null };
  }
  const left = { ...base, connectedAt: null, agent: null };
  if (outcome < 0.85) return { ...left, endedAt: seconds(start, rng.float(3, 180)), leaveReason: 'CallerHungUp', transfer: null };
  if (outcome < 0.93) return { ...left, endedAt: seconds(start, rng.pick([120, 180, 300])), leaveReason: 'Timeout', transfer: sampleQueueTransfer(rng) };
  if (outcome < 0.97) return { ...left, endedAt: seconds(start, rng.float(0, 2)), leaveReason: 'Overflow', transfer: sampleQueueTransfer(rng) };
  return { ...left, endedAt: seconds(start, rng.float(20, 120)), leaveReason: 'CallbackRequested', transfer: null, callbackRequestId: rng.uuid() };
}

function sampleIvrOutcome(rng: SeededRandom): LandisIvrOutcome {
  const outcome = rng.float(0, 1);
  if (outcome < 0.7) return { type: 'Queue', toId: rng.uuid(), toName: rng.pick(QUEUE_NAMES) };
  if (outcome < 0.8) return { type: 'User', toId: rng.uuid(), toName: teamsUser(rng).name };
  if (outcome < 0.85) return { type: 'ExternalNumber', number: finnishMobile(rng) };
  if (outcome < 0.88) return { type: 'IVR', toId: rng.uuid(), toName: rng.pick(IVR_NAMES) };
  return { type: 'None' };
}

/** A finished IVR call: a language menu, then often an account number, then a transfer or a hang-up. */
export function sampleIvrCallFacts(rng: SeededRandom, start: Date = new Date(DEFAULT_SAMPLE_NOW)): LandisIvrCallFacts {
  const language = rng.pick(['1', '2', '3']);
  const inputs: LandisIvrCallFacts['inputs'][number][] = [
    { id: rng.uuid(), at: seconds(start, rng.float(6, 12)), blockName: 'Language', blockType: 'Menu', parameterName: 'Language', parameterValue: language },
  ];
  const account = rng.bool(0.6) ? String(rng.int(10_000_000, 99_999_999)) : null;
  if (account !== null) {
    inputs.push({
      id: rng.uuid(),
      at: seconds(inputs[0].at, rng.float(8, 20)),
      blockName: 'Account number',
      blockType: 'InputDigits',
      parameterName: 'AccountNumber',
      parameterValue: account,
    });
  }
  const last = inputs[inputs.length - 1].at;
  return {
    callId: rng.uuid(),
    scenarioId: rng.uuid(),
    direction: 'Inbound',
    caller: sampleCaller(rng),
    ouPath: rng.pick(OU_PATHS),
    parentId: null,
    from: null,
    ivr: { id: rng.uuid(), name: rng.pick(IVR_NAMES) },
    startedAt: start,
    endedAt: seconds(last, rng.float(1, 8)),
    inputs,
    dataValues: [{ '1': 'Finnish', '2': 'Swedish', '3': 'English' }[language] ?? null, account],
    outcome: sampleIvrOutcome(rng),
  };
}

/** A realistic Data object of the event, reproducible from the random source. */
export function sampleLandisData<N extends LandisEventName>(name: N, rng: SeededRandom, start?: Date): LandisDataOf<N>;
export function sampleLandisData(
  name: LandisEventName,
  rng: SeededRandom,
  start?: Date,
): LandisTestWebhookData | LandisQueueWebhookData | LandisIvrWebhookData {
  switch (name) {
    case 'App.TestWebhook':
      return buildTestWebhookData(rng.int(0, 999));
    case 'App.QueueWebhook':
      return buildQueueWebhookData(sampleQueueCallFacts(rng, start));
    case 'App.IvrWebhook':
      return buildIvrWebhookData(sampleIvrCallFacts(rng, start));
  }
}
