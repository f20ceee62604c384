import { landisDataProblems } from '../../landis/landis-data-validator';
import type { LandisIvrWebhookData, LandisQueueWebhookData } from '../../landis/landis.types';
import type { LandisRecord } from './landis-output';
import { collectingLandis, createHarness, IDS, MAIN_MENU_NUMBER, organizationData, START } from './simulation.fixture';
import type { CallScript } from './call-script';

/** Landis records the engine makes from its calls: App.IvrWebhook and App.QueueWebhook. */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const at = (seconds: number): string => new Date(Date.parse(START) + seconds * 1000).toISOString().replace('.000Z', 'Z');

const ivrOf = (r: LandisRecord): LandisIvrWebhookData => {
  if (r.webhookEvent !== 'App.IvrWebhook') throw new Error(`expected an IVR record, got ${r.webhookEvent}`);
  return r.data;
};
const queueOf = (r: LandisRecord): LandisQueueWebhookData => {
  if (r.webhookEvent !== 'App.QueueWebhook') throw new Error(`expected a queue record, got ${r.webhookEvent}`);
  return r.data;
};

async function run(place: (h: ReturnType<typeof createHarness>) => void, data = organizationData(), seed = 'landis') {
  const landis = collectingLandis();
  const h = createHarness({ seed, landis }, data);
  place(h);
  await h.scheduler.runUntilIdle();
  expect(landis.failures).toEqual([]);
  for (const record of landis.records) expect(landisDataProblems(record.webhookEvent, record.data)).toEqual([]);
  return { ...h, records: landis.records };
}

const ivrCall = (script: CallScript) => (h: ReturnType<typeof createHarness>) => void h.sim.placeIvrCall(MAIN_MENU_NUMBER, script);

describe('Landis records from the simulation', () => {
  it('an IVR call transferred to a queue: the IVR record with its inputs, then the queue record chained to it', async () => {
    let callId = '';
    const { records, sim } = await run((h) => {
      callId = h.sim.placeIvrCall(MAIN_MENU_NUMBER, {
        ivrInputs: ['3', '40021877', '1'],
        answerAfterSeconds: 5,
        talkSeconds: 60,
        callerNumber: '+358401234567',
      }).callId;
    });
    expect(records.map((r) => r.webhookEvent)).toEqual(['App.IvrWebhook', 'App.QueueWebhook']);
    const [ivrRecord, queueRecord] = records;
    const ivr = ivrOf(ivrRecord);
    const queue = queueOf(queueRecord);

    expect(ivr).toMatchObject({
      ScenarioId: callId,
      CallDirection: 'Inbound',
      CallerName: '+358401234567',
      CallerAdId: null,
      CallerUpn: null,
      CallerNumber: '+358401234567',
      StartDateTime: at(0),
      IvrId: IDS.mainMenu,
      IvrName: 'Main menu',
      ResourceAccountObjectId: null,
      OUPath: '/Test Oy/Front desk',
      ParentId: null,
      From: null,
      TransferType: 'Queue',
      TrasnferToId: IDS.support,
      TransferToName: 'Support',
      DataValue01: 'English',
      DataValue02: '40021877',
      DataValue03: null,
      DataValue20: null,
    });
    expect(ivr.IvrInputs.map((i) => [i.BlockName, i.BlockType, i.ParameterName, i.ParameterValue])).toEqual([
      ['Language', 'Menu', 'Language', '3'],
      ['Account number', 'InputDigits', 'AccountNumber', '40021877'],
      ['Topic', 'Menu', 'Topic', '1'],
    ]);
    expect(new Set(ivr.IvrInputs.map((i) => i.ID)).size).toBe(3);
    const inputTimes = ivr.IvrInputs.map((i) => Date.parse(i.InputDateTime));
    expect(inputTimes).toEqual([...inputTimes].sort((a, b) => a - b));
    expect(Date.parse(ivr.EndDateTime)).toBe(inputTimes[2]);

    expect(queue).toMatchObject({
      ScenarioId: callId,
      CallerNumber: '+358401234567',
      StartDateTime: ivr.EndDateTime,
      WaitTime: '00:00:05',
      TalkTime: '00:01:00',
      CallLength: '00:01:05',
      QueueId: IDS.support,
      QueueName: 'Support',
      OUPath: '/Test Oy',
      ParentId: ivr.CallId,
      From: 'Main menu',
      MetServiceLevel: true,
      AgentName: 'Alice',
      AgentUpn: 'alice@test.example',
      AgentId: IDS.alice,
      CallbackRequestId: null,
      LeaveReason: 'Answered',
      TransferType: 'None',
      TransferToId: null,
      TransferToName: null,
    });
    expect(queue.AgentAdId).toMatch(GUID);
    expect(queue.CallId).not.toBe(ivr.CallId);
    expect(ivrRecord.id).not.toBe(queueRecord.id);
    expect(queueRecord.createdAt.toISOString()).toBe(new Date(Date.parse(queue.EndDateTime)).toISOString());
    // The Enreach side sees an ordinary queue call once the IVR passed it on.
    expect(sim.timeline(callId)[0]).toMatchObject({ EventType: 'QueueCallInComing', CallId: callId, QueueId: IDS.support });
  });

  it("the service level is met when an agent answers within the queue's threshold, and only then", async () => {
    const slow = await run((h) => void h.sim.placeQueueCall(IDS.support, { answerAfterSeconds: 25 }));
    expect(queueOf(slow.records[0])).toMatchObject({ WaitTime: '00:00:25', LeaveReason: 'Answered', MetServiceLevel: false, ParentId: null, From: null });

    const data = organizationData();
    data.queues[0].serviceLevelSeconds = 30;
    data.queues[0].ouPath = '/Test Oy/Support';
    const relaxed = await run((h) => void h.sim.placeQueueCall(IDS.support, { answerAfterSeconds: 25 }), data);
    expect(queueOf(relaxed.records[0])).toMatchObject({ WaitTime: '00:00:25', MetServiceLevel: true, OUPath: '/Test Oy/Support' });
  });

  it('a caller who hangs up while waiting: CallerHungUp, no agent, no talk time, service level not met', async () => {
    const data = organizationData();
    for (const user of data.users) user.availability = 'Busy';
    data.users[0].availability = 'Available';
    const { records } = await run((h) => {
      h.sim.placeQueueCall(IDS.support, { talkSeconds: 100, answerAfterSeconds: 1 });
      h.sim.placeQueueCall(IDS.support, { abandonAfterSeconds: 30 });
    }, data);
    const abandoned = records.map(queueOf).find((r) => r.LeaveReason === 'CallerHungUp');
    expect(abandoned).toMatchObject({
      WaitTime: '00:00:30',
      TalkTime: '00:00:00',
      CallLength: '00:00:30',
      MetServiceLevel: false,
      AgentName: null,
      AgentUpn: null,
      AgentId: null,
      AgentAdId: null,
      TransferType: 'None',
    });
  });

  it('the queue timing out to a number, overflowing, to a call list, and with nowhere to go', async () => {
    const data = organizationData();
    data.users[2].availability = 'DoNotDisturb'; // carol: Sales has nobody who could answer
    const { records } = await run((h) => {
      h.sim.placeQueueCall(IDS.sales, {}); // no agent: overflow at once to the number
      h.sim.placeQueueCall(IDS.support, { agentAnswers: [false, false] }); // alice and bob let it ring: timeout to the call list
      h.sim.placeQueueCall(IDS.backup, { agentAnswers: false }); // dave lets it ring: timeout, no target
    }, data);
    const byQueue = (id: string) => records.map(queueOf).find((r) => r.QueueId === id);
    expect(byQueue(IDS.sales)).toMatchObject({
      LeaveReason: 'Overflow',
      TransferType: 'ExternalNumber',
      TransferToId: null,
      TransferToName: '+358509999999',
      WaitTime: '00:00:00',
    });
    const support = byQueue(IDS.support);
    expect(support).toMatchObject({ LeaveReason: 'CallbackRequested', TransferType: 'None', WaitTime: '00:02:00' });
    expect(support?.CallbackRequestId).toMatch(GUID);
    expect(byQueue(IDS.backup)).toMatchObject({
      LeaveReason: 'Timeout',
      TransferType: 'Disconnect',
      TransferToId: null,
      TransferToName: null,
      WaitTime: '00:01:00',
    });
  });

  it('an overflow into another queue makes that queue record a child of the first', async () => {
    const data = organizationData();
    data.queues[2].overflowTarget = { type: 'queue', queueId: IDS.sales };
    data.users[3].availability = 'OffWork'; // dave: Backup overflows at once
    const { records } = await run((h) => void h.sim.placeQueueCall(IDS.backup, { answerAfterSeconds: 4 }), data);
    const [backup, sales] = records.map(queueOf);
    expect(backup).toMatchObject({ QueueName: 'Backup', LeaveReason: 'Overflow', TransferType: 'Queue', TransferToId: IDS.sales, TransferToName: 'Sales' });
    expect(sales).toMatchObject({
      QueueName: 'Sales',
      ParentId: backup.CallId,
      From: 'Backup',
      LeaveReason: 'Answered',
      AgentName: 'Carol',
      ScenarioId: backup.ScenarioId,
    });
  });

  it('IVR exits: to a user, to a number, hung up by the IVR, hung up by the caller', async () => {
    const user = await run(ivrCall({ ivrInputs: ['1', '123456', '3'] }));
    expect(user.records.map((r) => r.webhookEvent)).toEqual(['App.IvrWebhook']);
    expect(ivrOf(user.records[0])).toMatchObject({ TransferType: 'User', TrasnferToId: IDS.dave, TransferToName: 'Dave', DataValue01: 'Finnish' });

    const number = await run(ivrCall({ ivrInputs: ['2', '123456', '4'] }));
    expect(ivrOf(number.records[0])).toMatchObject({ TransferType: 'ExternalNumber', TrasnferToId: null, TransferToName: '+358509876543' });
    expect(number.events).toEqual([]); // Enreach sees nothing of a call that never reached its queues or users

    const hungUp = await run(ivrCall({ ivrInputs: ['2', '123456', '9'] }));
    expect(ivrOf(hungUp.records[0])).toMatchObject({ TransferType: 'None', TrasnferToId: null, TransferToName: null });

    let gaveUpId = '';
    const gaveUp = await run((h) => void (gaveUpId = h.sim.placeIvrCall(MAIN_MENU_NUMBER, { ivrInputs: ['2'], abandonAfterSeconds: 12 }).callId));
    const left = ivrOf(gaveUp.records[0]);
    expect(left).toMatchObject({ TransferType: 'None', CallLength: '00:00:12', EndDateTime: at(12) });
    expect(left.IvrInputs.map((i) => i.ParameterValue)).toEqual(['2']);
    expect(gaveUp.sim.callInfo(gaveUpId)).toMatchObject({ phase: 'ended', endReason: 'caller hung up in IVR' });
  });

  it('an IVR passing the call to another IVR and on to a queue: three records, each the parent of the next', async () => {
    const { records } = await run(ivrCall({ ivrInputs: ['3', '555555', '5', 'billing'], answerAfterSeconds: 3 }));
    expect(records.map((r) => r.webhookEvent)).toEqual(['App.IvrWebhook', 'App.IvrWebhook', 'App.QueueWebhook']);
    const [main, afterHours] = [ivrOf(records[0]), ivrOf(records[1])];
    const queue = queueOf(records[2]);
    expect(main).toMatchObject({ TransferType: 'IVR', TrasnferToId: IDS.afterHours, TransferToName: 'After hours' });
    expect(afterHours).toMatchObject({
      ParentId: main.CallId,
      From: 'Main menu',
      StartDateTime: main.EndDateTime,
      DataValue03: 'billing',
      OUPath: '/Test Oy',
      TransferType: 'Queue',
      TrasnferToId: IDS.backup,
    });
    expect(afterHours.IvrInputs.map((i) => [i.BlockType, i.ParameterValue])).toEqual([['SpeechInput', 'billing']]);
    expect(queue).toMatchObject({ ParentId: afterHours.CallId, From: 'After hours', QueueName: 'Backup', AgentName: 'Dave' });
  });

  it('a Teams user of the organisation calling: known by name, UPN and Entra id, without a number', async () => {
    const { records } = await run((h) => void h.sim.placeQueueCall(IDS.sales, { callerNumber: '+358401000004', answerAfterSeconds: 2 }));
    const record = queueOf(records[0]);
    expect(record).toMatchObject({ CallerName: 'Dave', CallerUpn: 'dave@test.example', CallerNumber: null });
    expect(record.CallerAdId).toMatch(GUID);
  });

  it('drawn callers: many IVR calls give valid records, realistic inputs and every kind of exit', async () => {
    const { records } = await run((h) => {
      for (let i = 0; i < 60; i++) h.scheduler.schedule(i * 20_000, () => h.sim.placeIvrCall(IDS.mainMenu, {}));
    });
    const ivrs = records.filter((r) => r.webhookEvent === 'App.IvrWebhook').map(ivrOf);
    expect(ivrs.length).toBeGreaterThanOrEqual(60);
    for (const ivr of ivrs.filter((r) => r.IvrName === 'Main menu')) {
      for (const input of ivr.IvrInputs) {
        if (input.ParameterName === 'AccountNumber') expect(input.ParameterValue).toMatch(/^[1-9][0-9]{5,7}$/);
        else expect(['0', '1', '2', '3', '4', '5', '9']).toContain(input.ParameterValue);
      }
    }
    expect(new Set(ivrs.map((r) => r.TransferType))).toEqual(new Set(['Queue', 'User', 'ExternalNumber', 'IVR', 'None']));
    const leaveReasons = new Set(records.filter((r) => r.webhookEvent === 'App.QueueWebhook').map((r) => queueOf(r).LeaveReason));
    expect(leaveReasons.has('Answered')).toBe(true);
  });

  it('records nobody wants are not built, and the ones wanted keep the same ids', async () => {
    const place = ivrCall({ ivrInputs: ['1', '654321', '2'], answerAfterSeconds: 3 });
    const all = await run(place);
    const queueOnly = collectingLandis(['App.QueueWebhook']);
    const h = createHarness({ seed: 'landis', landis: queueOnly });
    place(h);
    await h.scheduler.runUntilIdle();
    expect(queueOnly.records).toEqual(all.records.filter((r) => r.webhookEvent === 'App.QueueWebhook'));
    expect(queueOf(queueOnly.records[0]).ParentId).toBe(ivrOf(all.records[0]).CallId);
  });

  it('the Enreach events are the same with and without Landis records', async () => {
    const scenario = (h: ReturnType<typeof createHarness>): void => {
      h.sim.placeQueueCall(IDS.support, {});
      h.sim.placeIvrCall(MAIN_MENU_NUMBER, {});
      h.sim.placeQueueCall(IDS.sales, { abandonAfterSeconds: 5 });
      h.scheduler.schedule(10_000, () => h.sim.placeIvrCall(MAIN_MENU_NUMBER, { ivrInputs: ['1', '111111', '1'] }));
    };
    const withLandis = await run(scenario);
    const without = createHarness({ seed: 'landis' });
    scenario(without);
    await without.scheduler.runUntilIdle();
    expect(withLandis.records.length).toBeGreaterThan(3);
    expect(without.events).toEqual(withLandis.events);
  });

  it('refuses an IVR call with queue-only options, to an unknown IVR, and an agent hang-up in the IVR', async () => {
    const h = createHarness({ seed: 'landis' });
    expect(() => h.sim.placeIvrCall('nope')).toThrow(/Unknown IVR "nope".*Main menu/);
    expect(() => h.sim.placeIvrCall(MAIN_MENU_NUMBER, { agent: IDS.alice })).toThrow(/apply only to queue calls/);
    const { callId } = h.sim.placeIvrCall('main menu');
    await h.scheduler.advanceBy(1000);
    expect(h.sim.callInfo(callId)).toMatchObject({ kind: 'ivr', phase: 'ivr', side: 'ivr' });
    expect(() => h.sim.hangUp(callId, 'agent')).toThrow(/in an IVR/);
  });

  it('the caller hanging up in the IVR by command: the IVR record ends then, with the inputs so far', async () => {
    let callId = '';
    const { records, sim } = await run((h) => {
      callId = h.sim.placeIvrCall(MAIN_MENU_NUMBER, { ivrInputs: ['1'] }).callId;
      h.scheduler.schedule(20_000, () => h.sim.hangUp(callId));
    });
    expect(records.map((r) => r.webhookEvent)).toEqual(['App.IvrWebhook']);
    expect(ivrOf(records[0])).toMatchObject({ EndDateTime: at(20), TransferType: 'None', DataValue01: 'Finnish' });
    expect(sim.callInfo(callId)).toMatchObject({ phase: 'ended', endReason: 'caller hung up in IVR' });
  });
});
