import { DEMO } from '../src/organization/demo-organization';
import type { ResponsePlan } from './support/https-receiver';
import { receiverUrl } from './support/receiver-host';
import { startSimulationRig, type SimulationRig } from './support/simulation-driver';

const START = '2026-04-06T09:00:00Z';

/**
 * A paused run's advance can wait on a SmartRouting answer (the engine waits with it): commands
 * sent meanwhile must neither fail nor leave the old engine playing on.
 */
describe('simulation commands overlapping an advance held by SmartRouting (HTTPS receiver on 127.0.0.1:443)', () => {
  let rig: SimulationRig;
  let h: SimulationRig['h'];
  /** SmartRouting requests wait here until the test answers them (204: default routing) or they time out (3 s). */
  const held: (() => void)[] = [];
  const answerHeld = (): void => held.splice(0).forEach((answer) => answer());
  const srRequests = () => rig.receiver.requests.filter((r) => r.path === '/sr');

  beforeAll(async () => {
    rig = await startSimulationRig('/overlap', (req) =>
      req.path === '/sr' ? new Promise<ResponsePlan>((resolve) => held.push(() => resolve({ status: 204 }))) : { status: 200 },
    );
    h = rig.h;
    await h
      .api()
      .put(`/api/queues/${DEMO.queues.service}/smart-routing`)
      .send({ Endpoint: receiverUrl('/sr'), InsecureSSL: true, ApiKey: 'overlap-key', TimeoutMs: 3000 })
      .expect(200);
  });
  afterAll(async () => {
    answerHeld();
    await rig?.close();
  });

  /** An advance as a promise of its answer, to be awaited later: it may wait on SmartRouting. */
  const advance = (Seconds: number) =>
    h
      .api()
      .post('/api/simulation/advance')
      .send({ Seconds })
      .then((r) => r);

  const placeQueueCall = async (): Promise<string> =>
    (
      await h
        .api()
        .post('/api/calls')
        .send({ Type: 'queue', Queue: DEMO.queues.service, Script: { AnswerAfterSeconds: 2, TalkSeconds: 10, AgentAnswers: true } })
        .expect(201)
    ).body.CallId;

  it('a second advance sent while the first waits on SmartRouting runs after it (200, the clock moved by both), not a 500', async () => {
    await rig.sim.reset({ Seed: 'overlap-1', StartTime: START, Paused: true });
    const asked = srRequests().length;
    await placeQueueCall();
    const first = advance(30);
    await rig.receiver.waitFor(() => srRequests().length > asked, 10_000);
    // Sent while the first waits for its SmartRouting answer, which never comes (3 s time-out).
    const second = advance(10);
    const [a, b] = await Promise.all([first, second]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.body.Now).toBe(new Date(Date.parse(START) + 40_000).toISOString());
  });

  it('a reset during an advance ends the old run there: the old advance answers 409 and its calls emit nothing more', async () => {
    await rig.sim.reset({ Seed: 'overlap-2', StartTime: START, Paused: true });
    const asked = srRequests().length;
    const oldCalls = [await placeQueueCall(), await placeQueueCall()];
    const oldAdvance = advance(300);
    await rig.receiver.waitFor(() => srRequests().length > asked, 10_000);
    // Left unanswered: the old engine's step waits for the time-out, and the reset waits for that step.
    const reset = h
      .api()
      .post('/api/simulation/reset')
      .send({ Seed: 'overlap-2-new', StartTime: START, Paused: true })
      .then((r) => r);
    expect((await reset).status).toBe(200);
    const old = await oldAdvance;
    expect(old.status).toBe(409);
    expect(old.body.message[0]).toMatch(/reset or rebuilt during the advance/);

    // The new run plays on its own; once all of its events arrived, the old calls had got no further:
    // the second never started, the first ended with the step that waited on SmartRouting (it was
    // allocated at once, but never answered 2 s later).
    const mark = rig.sim.mark();
    const askedNow = srRequests().length;
    await placeQueueCall();
    const played = advance(300);
    await rig.receiver.waitFor(() => srRequests().length > askedNow, 10_000);
    answerHeld();
    expect((await played).status).toBe(200);
    const got = await rig.sim.delivered(mark);
    expect(got.filter((d) => d.payload.EventType === 'QueueCallInDisconnected')).toHaveLength(1);
    const all = rig.receiver.requests.filter((r) => r.path === '/overlap').map((r) => r.json as { CallId?: string; EventType: string });
    expect(all.filter((p) => p.CallId === oldCalls[1])).toEqual([]);
    expect(all.filter((p) => p.CallId === oldCalls[0] && /Connected|Disconnected/.test(p.EventType))).toEqual([]);
  });
});
