import { at, createHarness, IDS, loose } from './simulation.fixture';

describe('outbound call flow', () => {
  it('answered: UserCallOutGoing, UserCallOutConnected, UserCallOutDisconnected', async () => {
    const h = createHarness();
    const { callId, legId } = h.sim.placeOutboundCall('dave@test.example', '+358501112233', {
      agentAnswers: true,
      answerAfterSeconds: 7,
      talkSeconds: 40,
      hangupBy: 'caller',
    });
    await h.scheduler.runUntilIdle();
    expect(h.events.map((e) => `${e.Timestamp} ${e.EventType}`)).toEqual([
      `${at(0)} UserCallOutGoing`,
      `${at(0, 1)} UserStatus`,
      `${at(0, 2)} QueueStatus`,
      `${at(7)} UserCallOutConnected`,
      `${at(47)} UserCallOutDisconnected`,
      `${at(47, 1)} UserStatus`,
      `${at(47, 2)} QueueStatus`,
    ]);
    const timeline = loose(h.sim.timeline(callId));
    expect(timeline.every((e) => e.CallId === callId && e.LegId === legId && e.UserId === IDS.dave && e.UserName === 'dave@test.example')).toBe(true);
    expect(timeline.every((e) => e.CallerNumber === '+358401000004' && e.TargetNumber === '+358501112233')).toBe(true);
    // 'caller' in an outbound script is the called party: the remote side hung up.
    expect(timeline[2]).toMatchObject({ Reason: 'remote', TechReason: '200' });
  });

  it('unanswered: the user gives up after the ring time-out', async () => {
    const h = createHarness({ ringTimeoutSeconds: 30 });
    const { callId } = h.sim.placeOutboundCall(IDS.dave, '+358501112233', { agentAnswers: false });
    await h.scheduler.runUntilIdle();
    expect(loose(h.sim.timeline(callId)).map((e) => `${e.Timestamp} ${e.EventType} ${e.Reason ?? ''}`)).toEqual([
      `${at(0)} UserCallOutGoing `,
      `${at(30)} UserCallOutDisconnected local`,
    ]);
  });

  it('the user hangs up: Reason local', async () => {
    const h = createHarness();
    const { callId } = h.sim.placeOutboundCall(IDS.dave, '+358501112233', { agentAnswers: true, answerAfterSeconds: 1, talkSeconds: 5, hangupBy: 'agent' });
    await h.scheduler.runUntilIdle();
    expect(loose(h.sim.timeline(callId))[2]).toMatchObject({ EventType: 'UserCallOutDisconnected', Reason: 'local' });
  });
});
