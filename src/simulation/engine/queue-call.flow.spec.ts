import { at, createHarness, IDS, ofType, organizationData, loose } from './simulation.fixture';

/** Every payload of a call carries the same identity. */
function expectConsistentIdentity(timeline: Record<string, unknown>[], callId: string, legId: string): void {
  const withNumbers = timeline.filter((e) => 'CallerNumber' in e);
  expect(timeline.every((e) => e.CallId === callId && e.LegId === legId)).toBe(true);
  expect(new Set(withNumbers.map((e) => e.CallerNumber)).size).toBe(1);
  expect(new Set(withNumbers.map((e) => e.TargetNumber)).size).toBe(1);
}

describe('queue call flow', () => {
  it('answered call with timer wrap-up: the exact event sequence, times and ids', async () => {
    const h = createHarness();
    const { callId, legId } = h.sim.placeQueueCall('+358101000100', {
      answerAfterSeconds: 5,
      talkSeconds: 60,
      hangupBy: 'caller',
      agentAnswers: true,
      callerNumber: '+358501234567',
    });
    await h.scheduler.runUntilIdle();
    expect(h.events.map((e) => `${e.Timestamp} ${e.EventType}`)).toEqual([
      // Strictly increasing per call: events of one instant 1 ms apart, in the order they happen.
      `${at(0)} QueueCallInComing`,
      `${at(0, 1)} QueueCallInArrived`,
      `${at(0, 2)} QueueStatus`,
      `${at(0, 3)} QueueCallInUserAllocated`,
      `${at(0, 4)} UserStatus`,
      `${at(0, 5)} QueueStatus`,
      `${at(5)} QueueCallInUserConnected`,
      `${at(5, 1)} UserWrapUpEnabled`,
      `${at(5, 2)} QueueStatus`,
      `${at(65)} QueueCallInDisconnected`,
      `${at(65, 1)} UserWrapUpStarted`,
      `${at(65, 2)} UserStatus`,
      `${at(65, 3)} QueueStatus`,
      `${at(95)} UserWrapUpTerminated`,
      `${at(95, 1)} UserStatus`,
      `${at(95, 2)} QueueStatus`,
    ]);
    const timeline = loose(h.sim.timeline(callId));
    expect(timeline.map((e) => e.EventType)).toEqual([
      'QueueCallInComing',
      'QueueCallInArrived',
      'QueueCallInUserAllocated',
      'QueueCallInUserConnected',
      'UserWrapUpEnabled',
      'QueueCallInDisconnected',
      'UserWrapUpStarted',
      'UserWrapUpTerminated',
    ]);
    expectConsistentIdentity(timeline, callId, legId);
    expect(timeline.every((e) => e.QueueId === IDS.support)).toBe(true);
    const [allocated, connected] = [ofType(timeline, 'QueueCallInUserAllocated')[0], ofType(timeline, 'QueueCallInUserConnected')[0]];
    // Alice has the better (lower) priority in Support.
    expect(allocated).toMatchObject({
      UserId: IDS.alice,
      UserName: 'alice@test.example',
      QueueNumber: '+358101000100',
      CallerNumber: '+358501234567',
      TargetNumber: '+358101000100',
    });
    expect(connected).toMatchObject({ UserId: IDS.alice, UserNumber: '+358401000001', QueueName: 'Support' });
    expect(connected.AgentLegId).toEqual(expect.any(String));
    expect(connected.AgentLegId).not.toBe(legId);
    expect(ofType(timeline, 'QueueCallInDisconnected')[0]).toMatchObject({ Reason: 'remote', EntityId: IDS.support });
    expect(ofType(timeline, 'UserWrapUpEnabled')[0]).toMatchObject({ MaxWrapUpDurationSec: 30, UserId: IDS.alice, EntityType: 'User' });
    expect(ofType(timeline, 'UserWrapUpTerminated')[0]).toMatchObject({ Reason: 'timer', ElapsedTimeSec: 30 });
    // UserStatus follows the agent: talking (ringing counts), wrap-up, free.
    expect(ofType(h.events, 'UserStatus').map((e) => [e.Talking, e.CanBeAllocatedTo, e.ActiveQueueId, e.WrapUpEnd])).toEqual([
      [true, false, IDS.support, null],
      [false, false, null, at(95)],
      [false, true, null, null],
    ]);
    expect(new Set(h.events.map((e) => e.Id)).size).toBe(h.events.length);
    expect(h.sim.callInfo(callId)).toMatchObject({ phase: 'ended', endReason: 'caller hung up', userId: IDS.alice });
  });

  it('an agent who does not answer is cancelled and the next agent is allocated', async () => {
    const h = createHarness();
    const { callId } = h.sim.placeQueueCall(IDS.support, { agentAnswers: false, answerAfterSeconds: 3, talkSeconds: 10, hangupBy: 'agent' });
    await h.scheduler.runUntilIdle();
    const timeline = loose(h.sim.timeline(callId));
    expect(timeline.map((e) => e.EventType)).toEqual([
      'QueueCallInComing',
      'QueueCallInArrived',
      'QueueCallInUserAllocated',
      'QueueCallInUserCancelled',
      'QueueCallInUserAllocated',
      'QueueCallInUserConnected',
      'UserWrapUpEnabled',
      'QueueCallInDisconnected',
      'UserWrapUpStarted',
      'UserWrapUpTerminated',
    ]);
    const [first, second] = ofType(timeline, 'QueueCallInUserAllocated');
    expect(first.UserId).toBe(IDS.alice);
    expect(ofType(timeline, 'QueueCallInUserCancelled')[0]).toMatchObject({
      UserId: IDS.alice,
      Reason: 'local',
      DetailedReason: 'NoAnswer',
      Timestamp: at(20),
    });
    expect(second).toMatchObject({ UserId: IDS.bob, Timestamp: at(20, 3) });
    expect(ofType(timeline, 'QueueCallInDisconnected')[0]).toMatchObject({ Reason: 'local', Timestamp: at(33) });
  });

  it('endWrapUp ends a wrap-up early (manual); otherwise it ends at MaxWrapUpDurationSec, whatever the script says', async () => {
    const h = createHarness();
    h.sim.placeQueueCall(IDS.support, { agentAnswers: true, answerAfterSeconds: 2, talkSeconds: 10, hangupBy: 'caller' });
    await h.scheduler.advanceBy(12_000);
    expect(h.sim.userState(IDS.alice).activity).toBe('wrapUp');
    expect(() => h.sim.endWrapUp(IDS.bob)).toThrow(/not in wrap-up/);
    await h.scheduler.advanceBy(7000);
    h.sim.endWrapUp('alice@test.example');
    await h.scheduler.advanceBy(0);
    expect(ofType(h.events, 'UserWrapUpTerminated')[0]).toMatchObject({ Reason: 'manual', ElapsedTimeSec: 7, UserId: IDS.alice });
    expect(h.sim.userState(IDS.alice).activity).toBe('idle');
    // The old WrapUpEndsManually option no longer lets a wrap-up outlast its maximum.
    h.sim.placeQueueCall(IDS.support, { agentAnswers: true, answerAfterSeconds: 2, talkSeconds: 10, wrapUpEndsManually: true });
    await h.scheduler.runUntilIdle();
    const [started, terminated] = [ofType(h.events, 'UserWrapUpStarted')[1], ofType(h.events, 'UserWrapUpTerminated')[1]];
    expect(terminated).toMatchObject({ Reason: 'timer', ElapsedTimeSec: started.MaxWrapUpDurationSec });
    expect(h.sim.userState(IDS.alice).activity).toBe('idle');
  });

  it('a caller who gives up while queuing is disconnected with Reason remote', async () => {
    const h = createHarness();
    h.sim.placeQueueCall(IDS.support, { agentAnswers: true, answerAfterSeconds: 1, talkSeconds: 100 });
    h.sim.placeQueueCall(IDS.support, { agentAnswers: true, answerAfterSeconds: 1, talkSeconds: 100 });
    const { callId } = h.sim.placeQueueCall(IDS.support, { abandonAfterSeconds: 30 });
    await h.scheduler.runUntilIdle();
    expect(loose(h.sim.timeline(callId)).map((e) => e.EventType)).toEqual(['QueueCallInComing', 'QueueCallInArrived', 'QueueCallInDisconnected']);
    expect(ofType(loose(h.sim.timeline(callId)), 'QueueCallInDisconnected')[0]).toMatchObject({
      Reason: 'remote',
      TechReason: 'caller_abandoned',
      Timestamp: at(30),
    });
  });

  it('maximum wait exceeded: overflow into the call list becomes a callback request (TypeId 2)', async () => {
    const h = createHarness();
    h.sim.placeQueueCall(IDS.support, { agentAnswers: true, answerAfterSeconds: 1, talkSeconds: 500 });
    h.sim.placeQueueCall(IDS.support, { agentAnswers: true, answerAfterSeconds: 1, talkSeconds: 500 });
    const { callId, legId } = h.sim.placeQueueCall(IDS.support, { callerNumber: '+358507654321' });
    await h.scheduler.advanceBy(200_000);
    const timeline = loose(h.sim.timeline(callId));
    expect(timeline.map((e) => e.EventType)).toEqual([
      'QueueCallInComing',
      'QueueCallInArrived',
      'QueueCallInOverflow',
      'QueueCallInTransferStarted',
      'QueueCallInTransferConnected',
      'CallbackChanged',
    ]);
    expectConsistentIdentity(timeline.slice(0, 5), callId, legId);
    expect(timeline[2]).toMatchObject({ TechEvent: 'QueueTimeout', Timestamp: at(120), TechQueueId: IDS.support });
    expect(timeline[3]).toMatchObject({ TransferTarget: IDS.callbacks, TransferSource: 'Overflow' });
    expect(timeline[4]).toMatchObject({ ConnectedTarget: IDS.callbacks });
    const info = h.sim.callInfo(callId);
    expect(timeline[5]).toMatchObject({
      TypeId: 2,
      CallId: callId,
      CallListId: IDS.callbacks,
      CallBackId: info?.callbackId,
      ContactNumber: '+358507654321',
      ChannelIn: 'Support',
      CallbackAttempts: [],
      AssignedUserId: null,
    });
    expect(info).toMatchObject({ phase: 'ended', endReason: 'callback requested' });
  });

  it('no available agents: immediate overflow, and an external target that answers takes the call out', async () => {
    const data = organizationData();
    data.users[2].availability = 'DoNotDisturb'; // carol, Sales' only agent
    const h = createHarness({}, data);
    const { callId } = h.sim.placeQueueCall(IDS.sales, { answerAfterSeconds: 4, transferAnswers: true });
    await h.scheduler.runUntilIdle();
    const timeline = loose(h.sim.timeline(callId));
    expect(timeline.map((e) => `${e.Timestamp} ${e.EventType}`)).toEqual([
      `${at(0)} QueueCallInComing`,
      `${at(0, 1)} QueueCallInArrived`,
      `${at(0, 3)} QueueCallInOverflow`,
      `${at(0, 5)} QueueCallInTransferStarted`,
      `${at(4)} QueueCallInTransferConnected`,
    ]);
    expect(timeline[2]).toMatchObject({ TechEvent: 'NoAgentsAvailable' });
    expect(timeline[4]).toMatchObject({ ConnectedTarget: '+358509999999' });
  });

  it('an external overflow target that does not answer cancels the transfer and the call is disconnected', async () => {
    const data = organizationData();
    data.users[2].availability = 'OffWork';
    const h = createHarness({ ringTimeoutSeconds: 25 }, data);
    const { callId } = h.sim.placeQueueCall(IDS.sales, { transferAnswers: false });
    await h.scheduler.runUntilIdle();
    const timeline = loose(h.sim.timeline(callId));
    expect(timeline.map((e) => e.EventType)).toEqual([
      'QueueCallInComing',
      'QueueCallInArrived',
      'QueueCallInOverflow',
      'QueueCallInTransferStarted',
      'QueueCallInTransferCancelled',
      'QueueCallInDisconnected',
    ]);
    expect(timeline[4]).toMatchObject({ Reason: 'NoAnswer', Timestamp: at(25) });
    expect(timeline[5]).toMatchObject({ Reason: 'local', TechReason: 'transfer_cancelled' });
  });

  it('overflow into another queue continues there, and a queue without overflow target disconnects at max wait', async () => {
    const data = organizationData();
    data.users[2].availability = 'OffWork';
    data.users[3].availability = 'DoNotDisturb'; // dave, Backup's only agent
    data.queues[1].overflowTarget = { type: 'queue', queueId: IDS.backup };
    const h = createHarness({}, data);
    const { callId } = h.sim.placeQueueCall(IDS.sales, {});
    await h.scheduler.runUntilIdle();
    const timeline = loose(h.sim.timeline(callId));
    expect(timeline.map((e) => `${e.Timestamp} ${e.EventType} ${e.QueueName}`)).toEqual([
      `${at(0)} QueueCallInComing Sales`,
      `${at(0, 1)} QueueCallInArrived Sales`,
      `${at(0, 3)} QueueCallInOverflow Sales`,
      `${at(0, 5)} QueueCallInTransferStarted Sales`,
      `${at(0, 6)} QueueCallInTransferConnected Sales`,
      `${at(0, 7)} QueueCallInArrived Backup`,
      `${at(60)} QueueCallInDisconnected Backup`,
    ]);
    expect(timeline[4].ConnectedTarget).toBe(IDS.backup);
    expect(timeline[6]).toMatchObject({ Reason: 'local', TechReason: 'max_wait_exceeded', QueueId: IDS.backup });
  });

  it('a transfer into a closed queue is cancelled', async () => {
    const data = organizationData();
    data.users[2].availability = 'OffWork';
    data.queues[1].overflowTarget = { type: 'queue', queueId: IDS.backup };
    data.queues[2].openStatus = 3;
    const h = createHarness({}, data);
    const { callId } = h.sim.placeQueueCall(IDS.sales, {});
    await h.scheduler.runUntilIdle();
    expect(
      loose(h.sim.timeline(callId))
        .map((e) => e.EventType)
        .slice(-2),
    ).toEqual(['QueueCallInTransferCancelled', 'QueueCallInDisconnected']);
    expect(ofType(h.events, 'QueueCallInTransferCancelled')[0]).toMatchObject({ Reason: 'TargetClosed' });
  });

  it('hangUp ends a connected call now, by either side', async () => {
    const h = createHarness();
    const { callId } = h.sim.placeQueueCall(IDS.support, { agentAnswers: true, answerAfterSeconds: 1, talkSeconds: 300 });
    await h.scheduler.advanceBy(10_000);
    h.sim.hangUp(callId, 'agent');
    await h.scheduler.advanceBy(0);
    expect(ofType(loose(h.sim.timeline(callId)), 'QueueCallInDisconnected')[0]).toMatchObject({ Reason: 'local', Timestamp: at(10) });
    expect(() => h.sim.hangUp(callId)).toThrow(/already ended/);
  });
});
