import { getLandisEvent } from './landis-catalog';
import { landisDataProblems } from './landis-data-validator';
import { buildQueueWebhookData, type LandisQueueCallFacts } from './landis-queue-cdr';

const at = (seconds: number): Date => new Date(Date.UTC(2024, 2, 1, 9, 0, 0) + seconds * 1000);

const AGENT = {
  id: '5c1e8a2b-3d4f-4a6b-8c9d-0e1f2a3b4c5d',
  adId: '9a8b7c6d-5e4f-4321-8fed-cba987654321',
  name: 'Anna Berg',
  upn: 'anna.berg@contoso.com',
};

const ANSWERED: LandisQueueCallFacts = {
  callId: '11111111-2222-4333-8444-555555555555',
  scenarioId: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  direction: 'Inbound',
  caller: { name: null, adId: null, upn: null, number: '+4930123456789' },
  ouPath: '/Contoso/Customer Service',
  parentId: '66666666-7777-4888-8999-000000000000',
  from: 'Main menu',
  queue: { id: 'f0e1d2c3-b4a5-4697-8877-665544332211', name: 'Support', serviceLevelMs: 20_000 },
  enteredAt: at(0),
  connectedAt: at(18.25),
  endedAt: at(101.25),
  agent: AGENT,
  leaveReason: 'Answered',
  transfer: null,
  callbackRequestId: null,
};

describe('buildQueueWebhookData', () => {
  it('fills every property of the table, in table order, each of its type', () => {
    const data = buildQueueWebhookData(ANSWERED);
    expect(Object.keys(data)).toEqual(getLandisEvent('App.QueueWebhook')!.properties.map((p) => p.name));
    expect(landisDataProblems('App.QueueWebhook', data)).toEqual([]);
  });

  it('writes an answered call: times, wait + talk = length, agent, service level', () => {
    expect(buildQueueWebhookData(ANSWERED)).toEqual({
      CallId: ANSWERED.callId,
      ScenarioId: ANSWERED.scenarioId,
      CallDirection: 'Inbound',
      CallerName: '+4930123456789',
      CallerAdId: null,
      CallerUpn: null,
      CallerNumber: '+4930123456789',
      StartDateTime: '2024-03-01T09:00:00Z',
      EndDateTime: '2024-03-01T09:01:41.25Z',
      CallLength: '00:01:41.2500000',
      WaitTime: '00:00:18.2500000',
      TalkTime: '00:01:23',
      QueueId: ANSWERED.queue.id,
      QueueName: 'Support',
      ResourceAccountObjectId: null,
      OUPath: '/Contoso/Customer Service',
      ParentId: ANSWERED.parentId,
      From: 'Main menu',
      MetServiceLevel: true,
      AgentName: 'Anna Berg',
      AgentUpn: 'anna.berg@contoso.com',
      AgentId: AGENT.id,
      AgentAdId: AGENT.adId,
      CallbackRequestId: null,
      LeaveReason: 'Answered',
      TransferType: 'None',
      TransferToId: null,
      TransferToName: null,
    });
  });

  it('misses the service level when answered after it, and always when not answered', () => {
    expect(buildQueueWebhookData({ ...ANSWERED, connectedAt: at(20.001) }).MetServiceLevel).toBe(false);
    expect(buildQueueWebhookData({ ...ANSWERED, connectedAt: at(20) }).MetServiceLevel).toBe(true);
    const hungUp = buildQueueWebhookData({ ...ANSWERED, connectedAt: null, agent: null, leaveReason: 'CallerHungUp', endedAt: at(5) });
    expect([hungUp.MetServiceLevel, hungUp.WaitTime, hungUp.TalkTime, hungUp.CallLength, hungUp.AgentName, hungUp.AgentId]).toEqual([
      false,
      '00:00:05',
      '00:00:00',
      '00:00:05',
      null,
      null,
    ]);
  });

  it('writes a Teams caller with name, Entra id and UPN, and no origin for a direct call', () => {
    const data = buildQueueWebhookData({
      ...ANSWERED,
      caller: { name: 'Ben Ode', adId: '0f0f0f0f-1e1e-4d2d-8c3c-4b4b4b4b4b4b', upn: 'ben@fabrikam.com', number: null },
      parentId: null,
      from: null,
    });
    expect([data.CallerName, data.CallerAdId, data.CallerUpn, data.CallerNumber, data.ParentId, data.From]).toEqual([
      'Ben Ode',
      '0f0f0f0f-1e1e-4d2d-8c3c-4b4b4b4b4b4b',
      'ben@fabrikam.com',
      null,
      null,
      null,
    ]);
  });

  it('writes the timeout or overflow action as the transfer', () => {
    const left = { ...ANSWERED, connectedAt: null, agent: null, endedAt: at(300) };
    const cases: [LandisQueueCallFacts['transfer'], unknown[]][] = [
      [{ type: 'Queue', toId: '12121212-3434-4565-8787-909090909090', toName: 'Overflow' }, ['Queue', '12121212-3434-4565-8787-909090909090', 'Overflow']],
      [{ type: 'ExternalNumber', number: '+4940999999' }, ['ExternalNumber', null, '+4940999999']],
      [{ type: 'Voicemail', mailbox: 'Support voicemail' }, ['Voicemail', null, 'Support voicemail']],
      [{ type: 'Disconnect' }, ['Disconnect', null, null]],
    ];
    for (const [transfer, expected] of cases) {
      const data = buildQueueWebhookData({ ...left, leaveReason: 'Timeout', transfer });
      expect([data.TransferType, data.TransferToId, data.TransferToName]).toEqual(expected);
      expect(landisDataProblems('App.QueueWebhook', data)).toEqual([]);
    }
    expect(buildQueueWebhookData({ ...left, leaveReason: 'Overflow', endedAt: at(0), transfer: { type: 'Disconnect' } }).WaitTime).toBe('00:00:00');
  });

  it('carries the callback request the caller left', () => {
    const data = buildQueueWebhookData({
      ...ANSWERED,
      connectedAt: null,
      agent: null,
      leaveReason: 'CallbackRequested',
      callbackRequestId: 'abababab-cdcd-4efe-8a0a-b1b1b1b1b1b1',
    });
    expect([data.LeaveReason, data.CallbackRequestId, data.TransferType]).toEqual(['CallbackRequested', 'abababab-cdcd-4efe-8a0a-b1b1b1b1b1b1', 'None']);
  });

  it('refuses facts that cannot be one call, saying what is wrong', () => {
    const notAnswered = { ...ANSWERED, connectedAt: null, agent: null };
    expect(() => buildQueueWebhookData({ ...ANSWERED, agent: null })).toThrow('an Answered call has connectedAt and agent');
    expect(() => buildQueueWebhookData({ ...notAnswered, leaveReason: 'Timeout' })).toThrow('transfer is the Timeout or Overflow action');
    expect(() => buildQueueWebhookData({ ...ANSWERED, transfer: { type: 'Disconnect' } })).toThrow('transfer is the Timeout or Overflow action');
    expect(() => buildQueueWebhookData({ ...notAnswered, leaveReason: 'CallbackRequested' })).toThrow('needs its callbackRequestId');
    expect(() => buildQueueWebhookData({ ...ANSWERED, endedAt: at(10) })).toThrow('talk time');
    expect(() => buildQueueWebhookData({ ...ANSWERED, connectedAt: at(-1) })).toThrow('wait time');
    expect(() => buildQueueWebhookData({ ...ANSWERED, callId: 'CALL-1' })).toThrow('callId must be a lower-case GUID');
    expect(() => buildQueueWebhookData({ ...ANSWERED, from: null })).toThrow('parentId and from come together');
    expect(() => buildQueueWebhookData({ ...ANSWERED, ouPath: 'Contoso' })).toThrow('ouPath must start with "/"');
    expect(() => buildQueueWebhookData({ ...ANSWERED, caller: { name: null, adId: null, upn: null, number: null } })).toThrow('a name or a number');
    expect(() => buildQueueWebhookData({ ...ANSWERED, caller: { name: 'X', adId: AGENT.adId, upn: null, number: null } })).toThrow('adId and caller.upn');
    expect(() => buildQueueWebhookData({ ...ANSWERED, caller: { ...ANSWERED.caller, number: 'anonymous' } })).toThrow('caller.number must be a phone number');
    expect(() => buildQueueWebhookData({ ...ANSWERED, queue: { ...ANSWERED.queue, serviceLevelMs: -1 } })).toThrow('serviceLevelMs');
    expect(() => buildQueueWebhookData({ ...notAnswered, leaveReason: 'Timeout', transfer: { type: 'ExternalNumber', number: 'x' } })).toThrow(
      'transfer number must be a phone number',
    );
  });
});
