import {
  documentOrder,
  getLandisEvent,
  isLandisEventName,
  LANDIS_EVENT_NAMES,
  LANDIS_EVENTS,
  LANDIS_SUBSCRIPTION_FIELDS,
  suggestLandisEventName,
} from './landis-catalog';
import { LANDIS_VALUE_TYPES } from './landis-catalog.types';
import type { LandisDataOf, LandisEnvelope, LandisIvrInput } from './landis.types';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

/** Compile-time checks: the Data types follow the tables (tsc fails on any wrong line here). */
const typeChecks = {
  guid: true as Equal<LandisDataOf<'App.QueueWebhook'>['CallId'], string>,
  nullableGuid: true as Equal<LandisDataOf<'App.QueueWebhook'>['AgentId'], string | null>,
  alwaysNull: true as Equal<LandisDataOf<'App.IvrWebhook'>['ResourceAccountObjectId'], null>,
  bool: true as Equal<LandisDataOf<'App.QueueWebhook'>['MetServiceLevel'], boolean>,
  direction: true as Equal<LandisDataOf<'App.IvrWebhook'>['CallDirection'], 'Inbound' | 'Outbound' | null>,
  inputs: true as Equal<LandisDataOf<'App.IvrWebhook'>['IvrInputs'], LandisIvrInput[]>,
  inputKeys: true as Equal<keyof LandisIvrInput, 'ID' | 'InputDateTime' | 'BlockName' | 'ParameterName' | 'ParameterValue' | 'BlockType'>,
  testKeys: true as Equal<keyof LandisDataOf<'App.TestWebhook'>, 'UserName' | 'EmailAddress'>,
  envelopeEvent: true as Equal<LandisEnvelope<'App.IvrWebhook'>['WebhookEvent'], 'App.IvrWebhook'>,
} satisfies Record<string, true>;

// @ts-expect-error the IVR table spells it TrasnferToId; TransferToId belongs to the queue table.
const misspelt: LandisDataOf<'App.IvrWebhook'>['TransferToId'] = null;
// @ts-expect-error a Data object without its properties does not compile.
const incomplete: LandisDataOf<'App.TestWebhook'> = { UserName: 'Test Name 1' };
// @ts-expect-error LeaveReason takes only the listed values.
const reason: LandisDataOf<'App.QueueWebhook'>['LeaveReason'] = 'Abandoned';

describe('Landis catalog', () => {
  it('derives the Data types from the tables (checked by the compiler)', () => {
    expect(Object.values(typeChecks).every(Boolean)).toBe(true);
    expect([misspelt, incomplete.UserName, reason]).toEqual([null, 'Test Name 1', 'Abandoned']);
  });

  it('has the three webhook events of the document', () => {
    expect(LANDIS_EVENT_NAMES).toEqual(['App.TestWebhook', 'App.QueueWebhook', 'App.IvrWebhook']);
    expect(isLandisEventName('App.QueueWebhook')).toBe(true);
    expect(isLandisEventName('app.queuewebhook')).toBe(false);
    expect(suggestLandisEventName('app.queuewebhook')).toBe('App.QueueWebhook');
    expect(getLandisEvent('QueueWebhook')).toBeUndefined();
  });

  it('lists the four subscription fields', () => {
    expect(LANDIS_SUBSCRIPTION_FIELDS.map((f) => f.name)).toEqual(['Webhook Endpoint', 'Is Active', 'Webhook Events', 'Additional Webhook Headers']);
  });

  it('has every table property once, of a known type, with a description', () => {
    const counts = LANDIS_EVENTS.map((e) => [e.name, e.properties.length, documentOrder(e.properties).length]);
    expect(counts).toEqual([
      ['App.TestWebhook', 2, 2],
      ['App.QueueWebhook', 28, 28],
      ['App.IvrWebhook', 40, 46],
    ]);
    for (const event of LANDIS_EVENTS) {
      const names = event.properties.map((p) => p.name);
      expect(new Set(names).size).toBe(names.length);
      for (const property of documentOrder(event.properties)) {
        expect(LANDIS_VALUE_TYPES).toContain(property.type);
        expect(property.description).not.toBe('');
      }
    }
  });

  it("keeps the document's own spellings", () => {
    const ivr = getLandisEvent('App.IvrWebhook')!;
    expect(ivr.properties.map((p) => p.name)).toContain('TrasnferToId');
    expect(ivr.properties.find((p) => p.name === 'TransferToName')!.description).toBe('Transfer desination Name');
  });

  it('places the IvrInputs element properties right after IvrInputs in document order', () => {
    const names = documentOrder(getLandisEvent('App.IvrWebhook')!.properties).map((p) => p.name);
    const at = names.indexOf('IvrInputs');
    expect(names.slice(at, at + 8)).toEqual(['IvrInputs', 'ID', 'InputDateTime', 'BlockName', 'ParameterName', 'ParameterValue', 'BlockType', 'DataValue01']);
    expect(names.slice(-20)).toEqual(Array.from({ length: 20 }, (_, i) => `DataValue${String(i + 1).padStart(2, '0')}`));
  });

  it('marks only the test webhook as having no table in the document', () => {
    expect(LANDIS_EVENTS.filter((e) => !e.documented).map((e) => e.name)).toEqual(['App.TestWebhook']);
  });
});
