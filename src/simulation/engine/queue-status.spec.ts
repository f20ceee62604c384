import { SeededRandom } from '../../common/seeded-random';
import { createHarness, IDS, ofType, organizationData } from './simulation.fixture';
import type { Harness } from './simulation.fixture';

/** Counters recounted from the simulation's public view: calls by phase, agents by state. */
function recount(h: Harness, queueId: string): Record<string, number> {
  const queue = h.model.findQueue(queueId)!;
  const calls = h.sim.activeCalls().filter((c) => c.queueId === queueId && c.side === 'queue');
  const queuing = calls.filter((c) => c.phase === 'queuing').length;
  const allocated = calls.filter((c) => c.phase === 'ringing').length;
  const connected = calls.filter((c) => c.phase === 'connected').length;
  const agents = queue.attachedUsers.filter((a) => a.active).map((a) => h.sim.userState(a.userId));
  const longAway = agents.filter((a) => a.availability !== 'Available').length;
  const present = agents.filter((a) => a.availability === 'Available');
  return {
    NbrOfQueuingRequesters: queuing,
    NbrOfAllocated: allocated,
    NbrOfConnected: connected,
    NbrOfRequesters: queuing + allocated + connected,
    NbrOfNotServedRequesters: queuing + allocated,
    NbrOfAgentsCheckedInQueue: agents.length,
    NbrOfProviders: agents.length,
    NbrOfAgentsLongTermAway: longAway,
    NbrOfAgentsShortTermAway: present.filter((a) => a.activity === 'talking').length,
    NbrOfAgentsOnWrapUp: present.filter((a) => a.activity === 'wrapUp').length,
    NbrOfAgentsImmediatelyFree: present.filter((a) => a.activity === 'idle').length,
    NbrOfServingAgentsEstimate: agents.length - longAway,
  };
}

const counters = (status: Record<string, unknown>): Record<string, unknown> => {
  const { Id: _id, Timestamp: _ts, MaxWaitTime: _wait, ...rest } = status;
  return rest;
};

describe('QueueStatus', () => {
  it('agrees with the calls and agents at every emission, changes on every emission, and misses no change', async () => {
    const data = organizationData();
    data.queues[0].attachedUsers.push({ userId: IDS.carol, priority: 3, active: true });
    const mismatches: string[] = [];
    const emitted: Record<string, unknown>[] = [];
    const harness: Harness = createHarness({ seed: 'queue-status' }, data, (p) => {
      if (p.EventType !== 'QueueStatus') return;
      emitted.push(p);
      // Checked at emission: the counters must match the state at that very moment.
      const expected = recount(harness, p.QueueId as string);
      for (const [key, value] of Object.entries(expected))
        if (p[key] !== value) mismatches.push(`${p.Timestamp} ${p.QueueName}.${key}: ${String(p[key])} != ${value}`);
    });

    const rng = new SeededRandom('queue-status-scenario');
    for (let i = 0; i < 12; i++) {
      harness.scheduler.schedule(rng.int(0, 300) * 1000, () => {
        harness.sim.placeQueueCall(IDS.support, {
          agentAnswers: rng.bool(0.7),
          answerAfterSeconds: rng.int(1, 10),
          talkSeconds: rng.int(20, 120),
          abandonAfterSeconds: rng.bool(0.3) ? rng.int(10, 60) : undefined,
        });
      });
    }
    harness.scheduler.schedule(40_000, () => harness.sim.setAvailability(IDS.bob, 'DoNotDisturb'));
    harness.scheduler.schedule(90_000, () => harness.sim.placeDirectCall(IDS.carol, { agentAnswers: true, answerAfterSeconds: 2, talkSeconds: 50 }));
    harness.scheduler.schedule(150_000, () => harness.sim.setAvailability(IDS.bob, 'Available'));
    harness.scheduler.schedule(200_000, () =>
      harness.sim.setQueueMembership(IDS.support, [
        { userId: IDS.alice, priority: 1, active: true },
        { userId: IDS.bob, priority: 2, active: false },
        { userId: IDS.carol, priority: 3, active: true },
      ]),
    );

    for (let second = 0; second < 900; second += 5) {
      await harness.scheduler.advanceBy(5000);
      // Between steps the last status of each queue is the current state: no change went unpublished.
      for (const queue of harness.model.queueList) {
        const last = emitted.filter((e) => e.QueueId === queue.id).at(-1);
        const { MaxWaitTime: _wait, ...now } = harness.sim.queueStatus(queue.id);
        if (last) expect(counters(last)).toMatchObject(now);
      }
    }
    expect(mismatches).toEqual([]);
    const support = ofType(emitted, 'QueueStatus').filter((e) => e.QueueId === IDS.support);
    expect(support.length).toBeGreaterThan(20);
    for (let i = 1; i < support.length; i++) expect(counters(support[i])).not.toEqual(counters(support[i - 1]));
    // The scenario really exercised the counters.
    expect(Math.max(...support.map((e) => e.NbrOfQueuingRequesters as number))).toBeGreaterThan(1);
    expect(support.some((e) => (e.NbrOfAgentsOnWrapUp as number) > 0 && (e.NbrOfAgentsLongTermAway as number) > 0)).toBe(true);
    expect(support.some((e) => (e.MaxWaitTime as number) > 0)).toBe(true);
  });

  it('is not emitted when nothing a queue counts has changed', async () => {
    const h = createHarness();
    h.sim.setAvailability(IDS.erin, 'Busy'); // erin is in no queue
    h.sim.placeOutboundCall(IDS.erin, '+358501112233', { agentAnswers: true, answerAfterSeconds: 1, talkSeconds: 5 });
    await h.scheduler.runUntilIdle();
    expect(ofType(h.events, 'QueueStatus')).toEqual([]);
    expect(ofType(h.events, 'UserStatus').length).toBe(3); // Busy, then talking, then not
  });
});
