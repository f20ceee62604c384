import { createHarness, IDS } from './simulation.fixture';
import { SimulationCommandError } from './simulation-errors';

const code = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof SimulationCommandError ? error.code : 'other';
  }
  return undefined;
};

describe('Simulation commands', () => {
  it('return ids at once; the work happens when the clock runs', async () => {
    const h = createHarness();
    const { callId, legId } = h.sim.placeQueueCall(IDS.support, {});
    expect(h.events).toEqual([]);
    expect(h.sim.callInfo(callId)).toMatchObject({ phase: 'routing', legId });
    await h.scheduler.advanceBy(0);
    expect(h.events[0]).toMatchObject({ EventType: 'QueueCallInComing', CallId: callId, LegId: legId });
  });

  it('refuse bad commands synchronously with a code an API can map', async () => {
    const h = createHarness();
    expect(code(() => h.sim.placeQueueCall('+358000', {}))).toBe('not-found');
    expect(code(() => h.sim.placeDirectCall('nobody@test.example'))).toBe('not-found');
    expect(code(() => h.sim.placeQueueCall(IDS.support, { talkSeconds: -1 }))).toBe('invalid');
    expect(code(() => h.sim.placeOutboundCall(IDS.alice, ''))).toBe('invalid');
    expect(code(() => h.sim.setAvailability(IDS.alice, 'Sleeping' as never))).toBe('invalid');
    expect(code(() => h.sim.setAvailability(IDS.alice, 'Busy', { endTime: new Date(0) }))).toBe('invalid');
    expect(code(() => h.sim.startSupervision(IDS.dave, IDS.alice))).toBe('conflict');
    expect(code(() => h.sim.startSupervision(IDS.dave, IDS.dave))).toBe('invalid');
    expect(code(() => h.sim.stopSupervision(IDS.dave, IDS.alice))).toBe('conflict');
    expect(code(() => h.sim.setQueueMembership(IDS.support, [{ userId: IDS.support, priority: 1, active: true }]))).toBe('not-found');
    expect(code(() => h.sim.endWrapUp(IDS.alice))).toBe('conflict');
    expect(code(() => h.sim.hangUp('00000000-0000-4000-8000-000000000000'))).toBe('not-found');
    const { callId } = h.sim.placeQueueCall(IDS.support, {});
    expect(code(() => h.sim.hangUp(callId))).toBe('conflict'); // still being routed
    expect(() => createHarness({ ringTimeoutSeconds: 0 })).toThrow(SimulationCommandError);
  });

  it('answers a second supervision ask, or a stop, the same before and after the first has taken effect', async () => {
    const h = createHarness();
    h.sim.placeQueueCall(IDS.support, { agentAnswers: true, answerAfterSeconds: 1, talkSeconds: 30 });
    await h.scheduler.advanceBy(2000);
    h.sim.startSupervision(IDS.dave, IDS.alice);
    // The start's step has not run yet: asking again is still a conflict, and a stop is accepted.
    expect(code(() => h.sim.startSupervision(IDS.dave, IDS.alice))).toBe('conflict');
    h.sim.stopSupervision(IDS.dave, IDS.alice);
    await h.scheduler.runUntilIdle();
    const supervision = h.events.filter((e) => e.EventType === 'UserSupervisionStatus');
    expect(supervision.map((e) => [e.SupervisorUserId, e.State])).toEqual([
      [IDS.dave, 'Supervising'],
      [IDS.dave, 'Ended'],
    ]);
  });

  it('a refused command does not shift the ids of later calls', async () => {
    const plain = createHarness({ seed: 's' });
    const refused = createHarness({ seed: 's' });
    expect(() => refused.sim.placeQueueCall(IDS.support, { answerAfterSeconds: Number.NaN })).toThrow();
    expect(refused.sim.placeQueueCall(IDS.support, {})).toEqual(plain.sim.placeQueueCall(IDS.support, {}));
  });

  it('supervision: started and stopped on a connected call, and ended with the call', async () => {
    const h = createHarness();
    const { callId } = h.sim.placeQueueCall(IDS.support, { agentAnswers: true, answerAfterSeconds: 1, talkSeconds: 30 });
    await h.scheduler.advanceBy(2000);
    h.sim.startSupervision('dave@test.example', IDS.alice);
    await h.scheduler.advanceBy(1000);
    h.sim.stopSupervision(IDS.dave, IDS.alice);
    h.sim.startSupervision(IDS.carol, IDS.alice);
    await h.scheduler.runUntilIdle();
    const supervision = h.events.filter((e) => e.EventType === 'UserSupervisionStatus');
    expect(supervision.map((e) => [e.Timestamp, e.SupervisorUserId, e.State])).toEqual([
      ['2024-03-01T09:00:02', IDS.dave, 'Supervising'],
      ['2024-03-01T09:00:03', IDS.dave, 'Ended'],
      // The call's events of one instant are 1 ms apart: the call's own event at :03 came first.
      ['2024-03-01T09:00:03.001', IDS.carol, 'Supervising'],
      ['2024-03-01T09:00:31.001', IDS.carol, 'Ended'],
    ]);
    expect(
      supervision.every((e) => e.CallId === callId && e.TargetUserId === IDS.alice && e.QueueId === IDS.support && e.EntityId === e.SupervisorUserId),
    ).toBe(true);
    expect(supervision[0].SupervisorLegId).toBe(supervision[1].SupervisorLegId);
    expect(h.sim.timeline(callId).filter((e) => e.EventType === 'UserSupervisionStatus')).toHaveLength(4);
  });

  it('availability: UserAvailability, UserStatus, and a timed state ends by itself', async () => {
    const h = createHarness();
    h.sim.setAvailability(IDS.alice, 'DoNotDisturb', { note: 'Lunch', endTime: new Date(Date.parse('2024-03-01T09:30:00Z')) });
    await h.scheduler.runUntilIdle();
    const availability = h.events.filter((e) => e.EventType === 'UserAvailability');
    expect(availability.map((e) => [e.Timestamp, e.Availability, e.EndTime, e.Note, e.EventSource, e.StartTime])).toEqual([
      ['2024-03-01T09:00:00', 'DoNotDisturb', '2024-03-01T09:30:00', 'Lunch', 'User', '2024-03-01T09:00:00'],
      ['2024-03-01T09:30:00', 'Available', '9999-12-31T23:59:59.9999999', null, 'Schedule', '2024-03-01T09:30:00'],
    ]);
    expect(h.events.filter((e) => e.EventType === 'UserStatus').map((e) => [e.Available, e.CanBeAllocatedTo])).toEqual([
      [false, false],
      [true, true],
    ]);
  });

  it('queue membership: QueueAttachedUsers, and UserStatus/QueueStatus only where they changed', async () => {
    const h = createHarness();
    h.sim.setQueueMembership('+358101000100', [
      { userId: 'alice@test.example', priority: 1, active: true },
      { userId: IDS.carol, priority: 5, active: true },
      { userId: IDS.dave, priority: 5, active: true },
    ]);
    await h.scheduler.advanceBy(0);
    expect(h.events.map((e) => `${e.EventType} ${(e.UserId ?? e.QueueId) as string}`)).toEqual([
      `QueueAttachedUsers ${IDS.support}`,
      `UserStatus ${IDS.bob}`, // no longer serving in any queue
      `UserStatus ${IDS.carol}`, // now in two queues
      `UserStatus ${IDS.dave}`,
      `QueueStatus ${IDS.support}`, // three agents now
    ]);
    expect(h.events[0].AttachedUsers).toEqual([
      { Active: true, Priority: 1, UserId: IDS.alice },
      { Active: true, Priority: 5, UserId: IDS.carol },
      { Active: true, Priority: 5, UserId: IDS.dave },
    ]);
    expect(h.events[4]).toMatchObject({ NbrOfAgentsCheckedInQueue: 3, NbrOfAgentsImmediatelyFree: 3 });
    expect(h.events[1]).toMatchObject({ Serving: false, ActiveQueues: 0 });
    expect(h.events[2]).toMatchObject({ ActiveQueues: 2 });
  });
});
