import { personalQueue } from './routing-target';
import { at, createHarness, IDS, ofType, organizationData, loose } from './simulation.fixture';

describe('direct call flow', () => {
  it('answered: Comings, Arrived, Allocated, Connected, Disconnected, with consistent ids', async () => {
    const h = createHarness();
    const { callId, legId } = h.sim.placeDirectCall('carol@test.example', { agentAnswers: true, answerAfterSeconds: 4, talkSeconds: 30, hangupBy: 'agent' });
    await h.scheduler.runUntilIdle();
    expect(h.events.map((e) => `${e.Timestamp} ${e.EventType}`)).toEqual([
      `${at(0)} UserCallInComing`,
      `${at(0, 1)} UserCallInArrived`,
      `${at(0, 2)} UserCallInUserAllocated`,
      `${at(0, 3)} UserStatus`,
      `${at(0, 4)} QueueStatus`, // carol is Sales' agent: one agent short-term away
      `${at(4)} UserCallInUserConnected`,
      `${at(34)} UserCallInDisconnected`,
      `${at(34, 1)} UserStatus`,
      `${at(34, 2)} QueueStatus`,
    ]);
    const timeline = loose(h.sim.timeline(callId));
    expect(timeline.every((e) => e.CallId === callId && e.LegId === legId && e.UserId === IDS.carol && e.TargetNumber === '+358401000003')).toBe(true);
    expect(timeline[0]).toMatchObject({ Username: 'carol@test.example' });
    expect(timeline[1]).toMatchObject({ UserName: 'carol@test.example' });
    expect(timeline[3]).toMatchObject({ UserNumber: '+358401000003', AgentLegId: expect.any(String) });
    expect(timeline[4]).toMatchObject({ Reason: 'local', Username: 'carol@test.example' });
  });

  it('DoNotDisturb: overflow with Reason DND, transfer to the overflow queue, which takes the call', async () => {
    const data = organizationData();
    data.users[4].availability = 'DoNotDisturb'; // erin overflows to Support
    const h = createHarness({}, data);
    const { callId } = h.sim.placeDirectCall(IDS.erin, { agentAnswers: true, answerAfterSeconds: 2, talkSeconds: 10 });
    await h.scheduler.runUntilIdle();
    const timeline = loose(h.sim.timeline(callId));
    expect(timeline.map((e) => e.EventType)).toEqual([
      'UserCallInComing',
      'UserCallInArrived',
      'UserCallInUserOverflow',
      'UserCallInOverflow',
      'UserCallInTransferStarted',
      'UserCallInTransferConnected',
      'QueueCallInArrived',
      'QueueCallInUserAllocated',
      'QueueCallInUserConnected',
      'UserWrapUpEnabled',
      'QueueCallInDisconnected',
      'UserWrapUpStarted',
      'UserWrapUpTerminated',
    ]);
    const techQueue = personalQueue(h.model.findUser(IDS.erin)!);
    expect(timeline[2]).toMatchObject({ Reason: 'DND', Target: IDS.support, UserId: IDS.erin });
    expect(timeline[3]).toMatchObject({ ConnectedTarget: IDS.support, TechEvent: 'DND', TechQueueId: techQueue.id, TechSource: 'User' });
    expect(timeline[4]).toMatchObject({ TransferTarget: IDS.support, TransferSource: 'Overflow' });
    expect(timeline[5]).toMatchObject({ ConnectedTarget: IDS.support });
    // The original numbers stay with the call in the queue.
    expect(timeline[6]).toMatchObject({ QueueId: IDS.support, TargetNumber: '+358401000005' });
  });

  it('no answer: the allocation is cancelled, then the call overflows with Reason NoAnswer', async () => {
    const h = createHarness();
    const { callId } = h.sim.placeDirectCall(IDS.erin, { agentAnswers: [false], answerAfterSeconds: 2, talkSeconds: 10 });
    await h.scheduler.runUntilIdle();
    const types = loose(h.sim.timeline(callId)).map((e) => e.EventType);
    expect(types.slice(0, 8)).toEqual([
      'UserCallInComing',
      'UserCallInArrived',
      'UserCallInUserAllocated',
      'UserCallInUserCancelled',
      'UserCallInUserOverflow',
      'UserCallInOverflow',
      'UserCallInTransferStarted',
      'UserCallInTransferConnected',
    ]);
    const timeline = loose(h.sim.timeline(callId));
    expect(timeline[3]).toMatchObject({ Reason: 'local', DetailedReason: 'NoAnswer', Timestamp: at(20) });
    expect(timeline[4]).toMatchObject({ Reason: 'NoAnswer' });
  });

  it('OffWork without an overflow target: disconnected', async () => {
    const data = organizationData();
    data.users[0].availability = 'OffWork';
    const h = createHarness({}, data);
    const { callId } = h.sim.placeDirectCall(IDS.alice, {});
    await h.scheduler.runUntilIdle();
    expect(loose(h.sim.timeline(callId)).map((e) => e.EventType)).toEqual(['UserCallInComing', 'UserCallInArrived', 'UserCallInDisconnected']);
    expect(ofType(h.events, 'UserCallInDisconnected')[0]).toMatchObject({ Reason: 'local', TechReason: '480' });
  });

  it('busy on another call: BusyOnBusy; an external target that does not answer cancels the transfer', async () => {
    const data = organizationData();
    data.users[3].overflowTarget = { type: 'external', number: '+358409876543' };
    const h = createHarness({}, data);
    h.sim.placeOutboundCall(IDS.dave, '+358501112233', { agentAnswers: true, answerAfterSeconds: 1, talkSeconds: 200 });
    await h.scheduler.advanceBy(5000);
    const { callId } = h.sim.placeDirectCall(IDS.dave, { transferAnswers: false });
    await h.scheduler.advanceBy(60_000);
    const timeline = loose(h.sim.timeline(callId));
    expect(timeline.map((e) => e.EventType)).toEqual([
      'UserCallInComing',
      'UserCallInArrived',
      'UserCallInUserOverflow',
      'UserCallInOverflow',
      'UserCallInTransferStarted',
      'UserCallInTransferCancelled',
      'UserCallInDisconnected',
    ]);
    expect(timeline[2]).toMatchObject({ Reason: 'BusyOnBusy', Target: '+358409876543' });
    expect(timeline[5]).toMatchObject({ Reason: 'NoAnswer', UserId: IDS.dave });
  });

  it('Busy availability is an active availability profile (AVAActiveProfile)', async () => {
    const data = organizationData();
    data.users[4].availability = 'Busy';
    const h = createHarness({}, data);
    const { callId } = h.sim.placeDirectCall(IDS.erin, {});
    await h.scheduler.advanceBy(0);
    expect(ofType(loose(h.sim.timeline(callId)), 'UserCallInUserOverflow')[0]).toMatchObject({ Reason: 'AVAActiveProfile' });
  });

  it('a caller who hangs up while it rings: allocation cancelled (remote), then disconnected', async () => {
    const h = createHarness();
    const { callId } = h.sim.placeDirectCall(IDS.carol, { agentAnswers: true, answerAfterSeconds: 15, abandonAfterSeconds: 6 });
    await h.scheduler.runUntilIdle();
    expect(loose(h.sim.timeline(callId)).map((e) => `${e.EventType} ${e.Reason ?? ''}`)).toEqual([
      'UserCallInComing ',
      'UserCallInArrived ',
      'UserCallInUserAllocated ',
      'UserCallInUserCancelled remote',
      'UserCallInDisconnected remote',
    ]);
  });
});
