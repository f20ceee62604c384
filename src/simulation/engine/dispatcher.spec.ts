import type { RoutingInstructions } from '../../smart-routing/routing-instructions';
import { effectiveAgeSeconds } from './dispatcher';
import type { SimQueue } from './organization-model';
import { createCall } from './sim-call';
import { createHarness, fakeHook, IDS, ofType, organizationData } from './simulation.fixture';
import { resolveCallScript } from './call-script';
import { SeededRandom } from '../../common/seeded-random';

/** Sales has one agent (carol); she is kept busy, then calls pile up. */
function busySales(routing: Record<string, RoutingInstructions>) {
  const data = organizationData();
  data.queues[1].maxWaitSeconds = 3600;
  const h = createHarness({ smartRouting: fakeHook((context) => routing[context.callerNumber] ?? null) }, data);
  h.sim.placeQueueCall(IDS.sales, { agentAnswers: true, answerAfterSeconds: 0, talkSeconds: 300, callerNumber: '+358500000000' });
  return h;
}

const answered = { agentAnswers: true, answerAfterSeconds: 1, talkSeconds: 10 } as const;

describe('allocation order', () => {
  it('effective age = waited seconds + priority (queue or override) + ExtraPriority', () => {
    const rng = new SeededRandom('x');
    const call = createCall({
      id: 'c',
      legId: 'l',
      kind: 'queue',
      callerNumber: '',
      targetNumber: '',
      script: resolveCallScript({}, rng),
      ids: rng,
      fill: rng,
      startedAtMs: 0,
      root: rng,
    });
    call.arrivedAtMs = 0;
    const queue = { priority: 30 } as SimQueue;
    expect(effectiveAgeSeconds(call, queue, 10_000)).toBe(40);
    call.routing.extraPriority = 100;
    expect(effectiveAgeSeconds(call, queue, 10_000)).toBe(140);
    call.routing.priorityOverride = 0;
    expect(effectiveAgeSeconds(call, queue, 10_000)).toBe(110);
  });

  it('ExtraPriority 100 goes before calls that arrived up to 100 s earlier, not before older ones', async () => {
    const h = busySales({ '+358500000004': { ExtraPriority: 100 } });
    const calls: Record<string, string> = {};
    const place = (name: string, number: string) => () => {
      calls[name] = h.sim.placeQueueCall(IDS.sales, { ...answered, callerNumber: number }).callId;
    };
    h.scheduler.schedule(1000, place('oldest', '+358500000001')); // waited 299 s when carol frees at 300
    h.scheduler.schedule(150_000, place('early', '+358500000002')); // 150 s
    h.scheduler.schedule(250_000, place('recent', '+358500000003')); // 50 s
    h.scheduler.schedule(290_000, place('boosted', '+358500000004')); // 10 s + 100 = 110
    await h.scheduler.runUntilIdle();
    const order = ofType(h.events, 'QueueCallInUserAllocated')
      .slice(1)
      .map((e) => Object.keys(calls).find((name) => calls[name] === e.CallId));
    expect(order).toEqual(['oldest', 'early', 'boosted', 'recent']);
  });

  it('a SmartRouting Priority overrides the queue priority', async () => {
    const data = organizationData();
    data.queues[1].priority = 500;
    data.queues[1].maxWaitSeconds = 3600;
    const h = createHarness({ smartRouting: fakeHook((c) => (c.callerNumber === '+358500000002' ? { Priority: 0 } : null)) }, data);
    h.sim.placeQueueCall(IDS.sales, { agentAnswers: true, answerAfterSeconds: 0, talkSeconds: 300 });
    await h.scheduler.advanceBy(100_000);
    const demoted = h.sim.placeQueueCall(IDS.sales, { ...answered, callerNumber: '+358500000002' }).callId;
    await h.scheduler.advanceBy(100_000);
    const normal = h.sim.placeQueueCall(IDS.sales, { ...answered, callerNumber: '+358500000003' }).callId;
    await h.scheduler.runUntilIdle();
    const order = ofType(h.events, 'QueueCallInUserAllocated')
      .slice(1)
      .map((e) => e.CallId);
    // demoted: 100 s + 0; normal: 0..100 s + 500.
    expect(order).toEqual([normal, demoted]);
  });

  it('queue priority decides between queues sharing an agent', async () => {
    const data = organizationData();
    data.queues[0].attachedUsers = [{ userId: IDS.carol, priority: 1, active: true }];
    data.queues[0].priority = 60;
    data.queues[0].maxWaitSeconds = 3600;
    data.queues[1].maxWaitSeconds = 3600;
    const h = createHarness({}, data);
    h.sim.placeQueueCall(IDS.sales, { agentAnswers: true, answerAfterSeconds: 0, talkSeconds: 100 });
    await h.scheduler.advanceBy(10_000);
    const sales = h.sim.placeQueueCall(IDS.sales, answered).callId; // waits 90 s
    await h.scheduler.advanceBy(50_000);
    const support = h.sim.placeQueueCall(IDS.support, answered).callId; // waits 40 s + 60
    await h.scheduler.runUntilIdle();
    expect(
      ofType(h.events, 'QueueCallInUserAllocated')
        .slice(1)
        .map((e) => e.CallId),
    ).toEqual([support, sales]);
  });

  it('among free agents: attachment priority (lower first), then the longest idle', async () => {
    const data = organizationData();
    data.queues[0].attachedUsers = [
      { userId: IDS.bob, priority: 2, active: true },
      { userId: IDS.alice, priority: 2, active: true },
      { userId: IDS.carol, priority: 1, active: true },
    ];
    const h = createHarness({}, data);
    const first = h.sim.placeQueueCall(IDS.support, { ...answered, talkSeconds: 1000 }).callId;
    await h.scheduler.advanceBy(0);
    h.sim.placeDirectCall(IDS.bob, { agentAnswers: true, answerAfterSeconds: 0, talkSeconds: 5 }); // bob idle again at t=5
    await h.scheduler.advanceBy(10_000);
    const second = h.sim.placeQueueCall(IDS.support, answered).callId;
    await h.scheduler.advanceBy(0);
    expect(ofType(h.sim.timeline(first), 'QueueCallInUserAllocated')[0].UserId).toBe(IDS.carol);
    expect(ofType(h.sim.timeline(second), 'QueueCallInUserAllocated')[0].UserId).toBe(IDS.alice); // idle since the start
  });
});
