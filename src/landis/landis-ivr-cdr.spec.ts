import { continuedFrom } from './landis-call-facts';
import { documentOrder, getLandisEvent } from './landis-catalog';
import { landisDataProblems } from './landis-data-validator';
import { buildIvrWebhookData, type LandisIvrCallFacts } from './landis-ivr-cdr';
import { buildQueueWebhookData } from './landis-queue-cdr';
import { buildTestWebhookData } from './landis-test-webhook';

const at = (seconds: number): Date => new Date(Date.UTC(2024, 2, 1, 9, 0, 0) + seconds * 1000);

const QUEUE_ID = 'f0e1d2c3-b4a5-4697-8877-665544332211';

const IVR_CALL: LandisIvrCallFacts = {
  callId: '66666666-7777-4888-8999-000000000000',
  scenarioId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  direction: 'Inbound',
  caller: { name: 'Jürgen Ødegård', adId: null, upn: null, number: '+4930123456789' },
  ouPath: '/Contoso/Customer Service',
  parentId: null,
  from: null,
  ivr: { id: '0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d', name: 'Main menu' },
  startedAt: at(0),
  endedAt: at(31.5),
  inputs: [
    { id: 'c0c0c0c0-0000-4000-8000-000000000001', at: at(9.2), blockName: 'Language', blockType: 'Menu', parameterName: 'Language', parameterValue: '2' },
    {
      id: 'c0c0c0c0-0000-4000-8000-000000000002',
      at: at(24.75),
      blockName: 'Account number',
      blockType: 'InputDigits',
      parameterName: 'AccountNumber',
      parameterValue: '40021877',
    },
  ],
  dataValues: ['German', '40021877'],
  outcome: { type: 'Queue', toId: QUEUE_ID, toName: 'Support' },
};

describe('buildIvrWebhookData', () => {
  it('fills every property of the table, in table order, each of its type', () => {
    const data = buildIvrWebhookData(IVR_CALL);
    expect(Object.keys(data)).toEqual(getLandisEvent('App.IvrWebhook')!.properties.map((p) => p.name));
    expect(Object.keys(data.IvrInputs[0])).toEqual(
      documentOrder(getLandisEvent('App.IvrWebhook')!.properties)
        .slice(20, 26)
        .map((p) => p.name),
    );
    expect(landisDataProblems('App.IvrWebhook', data)).toEqual([]);
  });

  it('writes the IVR, its inputs in order, the data values and the transfer', () => {
    const data = buildIvrWebhookData(IVR_CALL);
    expect(data).toMatchObject({
      CallerName: 'Jürgen Ødegård',
      StartDateTime: '2024-03-01T09:00:00Z',
      EndDateTime: '2024-03-01T09:00:31.5Z',
      CallLength: '00:00:31.5000000',
      IvrId: IVR_CALL.ivr.id,
      IvrName: 'Main menu',
      ResourceAccountObjectId: null,
      ParentId: null,
      From: null,
      TransferType: 'Queue',
      TrasnferToId: QUEUE_ID,
      TransferToName: 'Support',
      DataValue01: 'German',
      DataValue02: '40021877',
      DataValue03: null,
      DataValue20: null,
    });
    expect(data.IvrInputs).toEqual([
      {
        ID: 'c0c0c0c0-0000-4000-8000-000000000001',
        InputDateTime: '2024-03-01T09:00:09.2Z',
        BlockName: 'Language',
        ParameterName: 'Language',
        ParameterValue: '2',
        BlockType: 'Menu',
      },
      {
        ID: 'c0c0c0c0-0000-4000-8000-000000000002',
        InputDateTime: '2024-03-01T09:00:24.75Z',
        BlockName: 'Account number',
        ParameterName: 'AccountNumber',
        ParameterValue: '40021877',
        BlockType: 'InputDigits',
      },
    ]);
  });

  it('writes the other ways out of an IVR: a user, a number, or the caller hanging up', () => {
    const user = buildIvrWebhookData({ ...IVR_CALL, outcome: { type: 'User', toId: '5c1e8a2b-3d4f-4a6b-8c9d-0e1f2a3b4c5d', toName: 'Anna Berg' } });
    const number = buildIvrWebhookData({ ...IVR_CALL, outcome: { type: 'ExternalNumber', number: '+4940999999' } });
    const hangUp = buildIvrWebhookData({ ...IVR_CALL, inputs: [], dataValues: [], outcome: { type: 'None' } });
    expect([user.TransferType, user.TrasnferToId, user.TransferToName]).toEqual(['User', '5c1e8a2b-3d4f-4a6b-8c9d-0e1f2a3b4c5d', 'Anna Berg']);
    expect([number.TransferType, number.TrasnferToId, number.TransferToName]).toEqual(['ExternalNumber', null, '+4940999999']);
    expect([hangUp.TransferType, hangUp.TrasnferToId, hangUp.TransferToName, hangUp.IvrInputs]).toEqual(['None', null, null, []]);
    for (const data of [user, number, hangUp]) expect(landisDataProblems('App.IvrWebhook', data)).toEqual([]);
  });

  it('refuses inputs out of order or outside the call, too many data values, a bad target', () => {
    const [first, second] = IVR_CALL.inputs;
    expect(() => buildIvrWebhookData({ ...IVR_CALL, inputs: [second, first] })).toThrow('inputs[1].at (inputs in order, within the call)');
    expect(() => buildIvrWebhookData({ ...IVR_CALL, inputs: [{ ...first, at: at(40) }] })).toThrow('inputs[0].at (within the call)');
    expect(() => buildIvrWebhookData({ ...IVR_CALL, dataValues: Array(21).fill('x') })).toThrow('dataValues has 21 entries');
    expect(() => buildIvrWebhookData({ ...IVR_CALL, outcome: { type: 'Queue', toId: 'q1', toName: 'Support' } })).toThrow(
      'transfer toId must be a lower-case GUID',
    );
    expect(() => buildIvrWebhookData({ ...IVR_CALL, inputs: [{ ...first, parameterName: ' ' }] })).toThrow('inputs[0].parameterName must be a non-empty text');
  });
});

describe('continuedFrom', () => {
  it('links the queue record to the IVR record of the same call', () => {
    const ivr = buildIvrWebhookData(IVR_CALL);
    const identity = continuedFrom(ivr, { callId: '11111111-2222-4333-8444-555555555555', ouPath: '/Contoso/Support' });
    const queue = buildQueueWebhookData({
      ...identity,
      queue: { id: QUEUE_ID, name: 'Support', serviceLevelMs: 20_000 },
      enteredAt: IVR_CALL.endedAt,
      connectedAt: null,
      endedAt: at(40),
      agent: null,
      leaveReason: 'CallerHungUp',
      transfer: null,
      callbackRequestId: null,
    });
    expect(queue).toMatchObject({
      ScenarioId: ivr.ScenarioId,
      ParentId: ivr.CallId,
      From: 'Main menu',
      CallerName: 'Jürgen Ødegård',
      CallerNumber: '+4930123456789',
      OUPath: '/Contoso/Support',
      StartDateTime: ivr.EndDateTime,
    });
    expect(queue.CallId).not.toBe(ivr.CallId);
  });

  it('keeps an unknown caller unknown (shown by number) and names a queue parent by its queue', () => {
    const ivr = buildIvrWebhookData({ ...IVR_CALL, caller: { name: null, adId: null, upn: null, number: '+4930123456789' } });
    const identity = continuedFrom(ivr, { callId: '11111111-2222-4333-8444-555555555555', ouPath: '/C' });
    expect(identity.caller.name).toBeNull();
    const queue = buildQueueWebhookData({
      ...identity,
      queue: { id: QUEUE_ID, name: 'Support', serviceLevelMs: 0 },
      enteredAt: at(31.5),
      connectedAt: null,
      endedAt: at(90),
      agent: null,
      leaveReason: 'Timeout',
      transfer: { type: 'Queue', toId: '12121212-3434-4565-8787-909090909090', toName: 'Overflow' },
      callbackRequestId: null,
    });
    const overflow = continuedFrom(queue, { callId: '22222222-3333-4444-8555-666666666666', ouPath: '/C' });
    expect([overflow.from, overflow.parentId, overflow.scenarioId]).toEqual(['Support', queue.CallId, ivr.ScenarioId]);
  });
});

describe('buildTestWebhookData', () => {
  it("is ASP.NET Zero's test webhook with the given millisecond", () => {
    expect(buildTestWebhookData(0)).toEqual({ UserName: 'Test Name 0', EmailAddress: 'Test Email 0' });
    expect(buildTestWebhookData(999)).toEqual({ UserName: 'Test Name 999', EmailAddress: 'Test Email 999' });
    expect(() => buildTestWebhookData(1000)).toThrow('0 to 999');
  });
});
