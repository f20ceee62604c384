import type { RoutingInstructions } from '../../smart-routing/routing-instructions';
import { at, createHarness, fakeHook, IDS, ofType, loose } from './simulation.fixture';

const answered = { agentAnswers: true, answerAfterSeconds: 2, talkSeconds: 30 } as const;

async function route(instructions: RoutingInstructions, script = {}) {
  const hook = fakeHook(instructions);
  const h = createHarness({ smartRouting: hook });
  const { callId } = h.sim.placeQueueCall(IDS.support, { ...answered, ...script });
  await h.scheduler.runUntilIdle();
  return { h, callId, hook, types: loose(h.sim.timeline(callId)).map((e) => e.EventType), info: h.sim.callInfo(callId)! };
}

describe('SmartRouting', () => {
  it('asks before routing, with the call, and records the decision', async () => {
    const { hook, callId, info, h } = await route({ ExtraPriority: 5 }, { callerNumber: '+358501231234' });
    expect(hook.requests).toEqual([
      {
        queueId: IDS.support,
        callId,
        legId: info.legId,
        callerNumber: '+358501231234',
        targetNumber: '+358101000100',
        currentUserId: null,
        isInternalCaller: false,
      },
    ]);
    expect(info.routingDecision).toEqual({ outcome: 'applied', instructions: { ExtraPriority: 5 }, requestId: 'req-1' });
    expect(info.appliedRouting).toEqual({ ExtraPriority: 5 });
    expect(info.extraPriority).toBe(5);
    expect(h.types(callId).slice(0, 3)).toEqual(['QueueCallInComing', 'QueueCallInArrived', 'QueueCallInUserAllocated']);
  });

  it.each([
    ['204', { outcome: 'default-204', requestId: 'r' } as const],
    ['an error', { outcome: 'default-error', reason: 'HTTP 500', requestId: 'r' } as const],
    ['no configuration (null)', null],
  ])('routes by default on %s, and records it', async (_name, decision) => {
    const h = createHarness({ smartRouting: fakeHook(decision) });
    const { callId } = h.sim.placeQueueCall(IDS.support, answered);
    await h.scheduler.runUntilIdle();
    expect(h.types(callId).slice(0, 4)).toEqual(['QueueCallInComing', 'QueueCallInArrived', 'QueueCallInUserAllocated', 'QueueCallInUserConnected']);
    expect(h.sim.callInfo(callId)).toMatchObject({ routingDecision: decision, appliedRouting: null });
  });

  it('a failing hook is default routing with the reason', async () => {
    const h = createHarness({
      smartRouting: {
        decide: async () => {
          throw new Error('socket hang up');
        },
      },
    });
    const { callId } = h.sim.placeQueueCall(IDS.support, answered);
    await h.scheduler.runUntilIdle();
    expect(h.sim.callInfo(callId)?.routingDecision).toMatchObject({ outcome: 'default-error', reason: expect.stringContaining('socket hang up') });
    expect(h.types(callId)).toContain('QueueCallInUserConnected');
  });

  it('InitialTarget a queue (by number): the call arrives in that queue instead', async () => {
    const { h, callId, types } = await route({ InitialTarget: '+358101000200' });
    expect(types.slice(0, 4)).toEqual(['QueueCallInComing', 'QueueCallInArrived', 'QueueCallInUserAllocated', 'QueueCallInUserConnected']);
    const timeline = loose(h.sim.timeline(callId));
    expect(timeline[0].QueueId).toBe(IDS.support);
    expect(timeline.slice(1, 4).every((e) => e.QueueId === IDS.sales)).toBe(true);
    expect(timeline[2].UserId).toBe(IDS.carol);
  });

  it('InitialTarget a user (by username): the call goes to the user', async () => {
    const { types, h, callId } = await route({ InitialTarget: 'dave@test.example' });
    expect(types).toEqual(['QueueCallInComing', 'UserCallInArrived', 'UserCallInUserAllocated', 'UserCallInUserConnected', 'UserCallInDisconnected']);
    expect(loose(h.sim.timeline(callId))[1]).toMatchObject({ UserId: IDS.dave, TargetNumber: '+358101000100' });
  });

  it('InitialTarget an external number: the call leaves through transfer events', async () => {
    const { types, h, callId } = await route({ InitialTarget: '+358 40 555 1234' }, { transferAnswers: true });
    expect(types).toEqual(['QueueCallInComing', 'QueueCallInTransferStarted', 'QueueCallInTransferConnected']);
    expect(loose(h.sim.timeline(callId))[1]).toMatchObject({ TransferTarget: '+358405551234', TransferSource: 'SmartRouting', TransferApplet: 'SmartRouting' });
    expect(h.sim.callInfo(callId)?.phase).toBe('ended');
  });

  it('InitialTarget DISCONNECT: ends the call after its TTS', async () => {
    const { types, h, callId, info } = await route({ InitialTarget: 'DISCONNECT:', CustomTTS: 'This call will be disconnected, sorry about that' });
    expect(types).toEqual(['QueueCallInComing', 'QueueCallInDisconnected']);
    expect(loose(h.sim.timeline(callId))[1]).toMatchObject({ Reason: 'local', TechReason: 'smartrouting_disconnect', Timestamp: at(0, 1) });
    expect(info.playedTts).toBe('This call will be disconnected, sorry about that');
  });

  it('CustomTTS and CustomMSI are recorded on the call', async () => {
    const { info } = await route({ CustomTTS: '[en-GB] Greetings caller. [fi-FI] Tervehdys soittaja', CustomMSI: 'VIP,3600' });
    expect(info).toMatchObject({ playedTts: '[en-GB] Greetings caller. [fi-FI] Tervehdys soittaja', appliedMsi: 'VIP,3600' });
  });

  it('FailTarget replaces the overflow target of the initial target', async () => {
    // erin lets it ring out; her own overflow target would be Support, the FailTarget sends it to Sales.
    const { types, h, callId } = await route({ InitialTarget: IDS.erin, FailTarget: IDS.sales }, { agentAnswers: [false, true] });
    expect(types.slice(0, 9)).toEqual([
      'QueueCallInComing',
      'UserCallInArrived',
      'UserCallInUserAllocated',
      'UserCallInUserCancelled',
      'UserCallInUserOverflow',
      'UserCallInOverflow',
      'UserCallInTransferStarted',
      'UserCallInTransferConnected',
      'QueueCallInArrived',
    ]);
    expect(ofType(loose(h.sim.timeline(callId)), 'UserCallInUserOverflow')[0]).toMatchObject({ Reason: 'NoAnswer', Target: IDS.sales });
    expect(ofType(loose(h.sim.timeline(callId)), 'QueueCallInArrived')[0]).toMatchObject({ QueueId: IDS.sales });
  });

  it('FailTarget without InitialTarget applies when the queue itself overflows', async () => {
    const hook = fakeHook({ FailTarget: '+358409999000' });
    const h = createHarness({ smartRouting: hook });
    h.sim.placeDirectCall(IDS.alice, { agentAnswers: true, answerAfterSeconds: 1, talkSeconds: 500 });
    h.sim.placeDirectCall(IDS.bob, { agentAnswers: true, answerAfterSeconds: 1, talkSeconds: 500 });
    const { callId } = h.sim.placeQueueCall(IDS.support, { transferAnswers: true, answerAfterSeconds: 3 });
    await h.scheduler.advanceBy(200_000);
    const timeline = loose(h.sim.timeline(callId));
    expect(timeline.map((e) => e.EventType)).toEqual([
      'QueueCallInComing',
      'QueueCallInArrived',
      'QueueCallInOverflow',
      'QueueCallInTransferStarted',
      'QueueCallInTransferConnected',
    ]);
    expect(timeline[3]).toMatchObject({ TransferTarget: '+358409999000', Timestamp: at(120, 2) });
  });

  it('RequiredTarget: only that agent takes the call, waiting for them to become free', async () => {
    const hook = fakeHook((context) => (context.callerNumber === '+358500000002' ? { RequiredTarget: 'alice@test.example' } : null));
    const h = createHarness({ smartRouting: hook });
    h.sim.placeDirectCall(IDS.alice, { agentAnswers: true, answerAfterSeconds: 1, talkSeconds: 6 }); // alice busy until t=7
    await h.scheduler.advanceBy(0);
    const { callId } = h.sim.placeQueueCall(IDS.support, { ...answered, callerNumber: '+358500000002' });
    await h.scheduler.runUntilIdle();
    const allocated = ofType(loose(h.sim.timeline(callId)), 'QueueCallInUserAllocated');
    expect(allocated).toHaveLength(1);
    expect(allocated[0]).toMatchObject({ UserId: IDS.alice, Timestamp: at(7), DetailedReason: 'RequiredTarget' });
  });

  it('RequiredTarget: after the time-out the call overflows as the queue is configured', async () => {
    const hook = fakeHook({ RequiredTarget: IDS.alice });
    const h = createHarness({ smartRouting: hook, requiredTargetTimeoutSeconds: 10 });
    h.sim.placeDirectCall(IDS.alice, { agentAnswers: true, answerAfterSeconds: 1, talkSeconds: 60 });
    await h.scheduler.advanceBy(0);
    const { callId } = h.sim.placeQueueCall(IDS.support, answered);
    await h.scheduler.runUntilIdle();
    const timeline = loose(h.sim.timeline(callId));
    expect(timeline.map((e) => e.EventType)).toEqual([
      'QueueCallInComing',
      'QueueCallInArrived',
      'QueueCallInOverflow',
      'QueueCallInTransferStarted',
      'QueueCallInTransferConnected',
      'CallbackChanged',
    ]);
    expect(timeline[2]).toMatchObject({ TechEvent: 'RequiredTargetTimeout', Timestamp: at(10) });
    expect(ofType(h.events, 'QueueCallInUserAllocated')).toEqual([]); // bob was free all along
  });

  it('AllocationTargets: preferred agents first, but not waited for', async () => {
    const hook = fakeHook({ AllocationTargets: ['bob@test.example'] });
    const h = createHarness({ smartRouting: hook });
    const first = h.sim.placeQueueCall(IDS.support, { ...answered, talkSeconds: 100 });
    await h.scheduler.advanceBy(0);
    const second = h.sim.placeQueueCall(IDS.support, answered);
    await h.scheduler.runUntilIdle();
    expect(ofType(loose(h.sim.timeline(first.callId)), 'QueueCallInUserAllocated')[0]).toMatchObject({ UserId: IDS.bob, DetailedReason: 'AllocationTarget' });
    expect(ofType(loose(h.sim.timeline(second.callId)), 'QueueCallInUserAllocated')[0]).toMatchObject({
      UserId: IDS.alice,
      DetailedReason: null,
      Timestamp: at(0, 3),
    });
  });

  it('notes instructions it cannot apply and routes the rest by default', async () => {
    const { info, types } = await route({ InitialTarget: 'no-such-target', RequiredTarget: 'nobody@test.example', Priority: 50 });
    expect(info.routingNotes).toEqual([
      expect.stringMatching(/InitialTarget "no-such-target" matches no/),
      expect.stringMatching(/RequiredTarget "nobody@test.example" is not a user/),
    ]);
    expect(info.priorityOverride).toBe(50);
    expect(info.routingDecision).toMatchObject({ outcome: 'applied', requestId: 'req-1' });
    expect(types.slice(0, 3)).toEqual(['QueueCallInComing', 'QueueCallInArrived', 'QueueCallInUserAllocated']);
  });

  it.each([
    ['an empty answer', {}, /nothing in the answer could be applied/],
    [
      'targets that match nothing',
      { InitialTarget: 'no-such-target', AllocationTargets: ['nobody@test.example'] },
      /InitialTarget "no-such-target" matches no/,
    ],
  ])('records %s, of which nothing could be applied, as default-unapplied with the reasons', async (_name, instructions, reason) => {
    const { info, types } = await route(instructions);
    expect(info.routingDecision).toEqual({ outcome: 'default-unapplied', instructions, reason: expect.stringMatching(reason), requestId: 'req-1' });
    expect(info.routingDecision).toMatchObject({ reason: info.routingNotes.join('; ') });
    expect(info.appliedRouting).toBeNull();
    expect(types.slice(0, 4)).toEqual(['QueueCallInComing', 'QueueCallInArrived', 'QueueCallInUserAllocated', 'QueueCallInUserConnected']);
  });

  it('ignores RequiredTarget and AllocationTargets when the InitialTarget is not a queue', async () => {
    const { info } = await route({ InitialTarget: IDS.dave, RequiredTarget: IDS.alice, AllocationTargets: [IDS.bob] });
    expect(info.requiredUserId).toBeNull();
    expect(info.preferredUserIds).toEqual([]);
    expect(info.routingNotes).toHaveLength(2);
  });
});
