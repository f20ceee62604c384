import { DEMO } from '../src/organization/demo-organization';
import type { HttpsReceiver } from './support/https-receiver';
import { receiverUrl } from './support/receiver-host';
import { startSimulationRig, type Delivered, type SimulationRig } from './support/simulation-driver';

const [anna, mikko, laura, jukka] = DEMO.users;
const START = '2026-05-04T10:00:00Z';

describe('the simulation as a receiver sees it: defects fixed (HTTPS receiver on 127.0.0.1:443)', () => {
  let rig: SimulationRig;
  let receiver: HttpsReceiver;
  let h: SimulationRig['h'];
  let sim: SimulationRig['sim'];

  beforeAll(async () => {
    rig = await startSimulationRig('/fid', (req) => {
      if (req.path !== '/sr') return { status: 200 };
      const anum = (req.json as { anum: string }).anum;
      const answers: Record<string, unknown> = { '+358500000001': {}, '+358500000002': { InitialTarget: 'nobody-here' }, '+358500000003': { Priority: 5000 } };
      const body = answers[anum];
      return body === undefined ? { status: 204 } : { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) };
    });
    ({ receiver, h, sim } = rig);
  });
  afterAll(() => rig?.close());

  const call = async (body: Record<string, unknown>): Promise<string> => (await h.api().post('/api/calls').send(body).expect(201)).body.CallId;
  const of = (got: Delivered[], callId: string) => got.map((d) => d.payload).filter((p) => p.CallId === callId);
  const types = (got: Delivered[], callId: string) => of(got, callId).map((p) => p.EventType);

  async function paused(): Promise<number> {
    const mark = sim.mark();
    await sim.reset({ Seed: 'fidelity', StartTime: START, Paused: true });
    return mark;
  }

  it('a wrap-up never outlasts MaxWrapUpDurationSec, even with WrapUpEndsManually', async () => {
    const mark = await paused();
    const id = await call({ Type: 'queue', Queue: 'VIP', Script: { AnswerAfterSeconds: 1, TalkSeconds: 5, AgentAnswers: true, WrapUpEndsManually: true } });
    await sim.advance(60);
    const events = of(await sim.delivered(mark), id);
    const started = events.find((p) => p.EventType === 'UserWrapUpStarted')!;
    const terminated = events.find((p) => p.EventType === 'UserWrapUpTerminated')!;
    expect(started.MaxWrapUpDurationSec).toBe(5);
    expect(terminated).toMatchObject({ Reason: 'timer', ElapsedTimeSec: 5 });
    // 5 s of virtual time (less the 1 ms that orders the call's events at the wrap-up's start).
    expect(Math.abs(Date.parse(`${terminated.Timestamp}Z`) - Date.parse(`${started.Timestamp}Z`) - 5000)).toBeLessThanOrEqual(5);
  });

  it('AnswerAfterSeconds means the agent answers: after an abandoned direct call, every later queue call is answered', async () => {
    const mark = await paused();
    await call({ Type: 'direct', User: anna.id, Script: { AgentAnswers: false, AbandonAfterSeconds: 5 } });
    await sim.advance(10);
    // The default answer probability (85 %) would leave about one in seven of these unanswered.
    const ids: string[] = [];
    for (let i = 0; i < 25; i++) {
      ids.push(await call({ Type: 'queue', Queue: DEMO.queues.vip, Script: { AnswerAfterSeconds: 2, TalkSeconds: 10 } }));
      await sim.advance(30);
    }
    const got = await sim.delivered(mark);
    for (const id of ids) {
      expect(types(got, id)).toContain('QueueCallInUserConnected');
      expect(types(got, id)).not.toContain('QueueCallInUserCancelled');
    }
  });

  it("a call's events have strictly increasing sub-second timestamps; GET /api/calls/:id is PascalCase with the status events it caused", async () => {
    const mark = await paused();
    const id = await call({ Type: 'queue', Queue: 'Sales', Script: { AnswerAfterSeconds: 0, TalkSeconds: 3, AgentAnswers: true } });
    await sim.advance(30);
    const events = of(await sim.delivered(mark), id);
    const times = events.map((p) => Date.parse(`${p.Timestamp}Z`)).sort((a, b) => a - b);
    expect(new Set(times).size).toBe(times.length);
    expect(events.some((p) => /\.\d+$/.test(p.Timestamp))).toBe(true);
    const view = (await h.api().get(`/api/calls/${id}`).expect(200)).body;
    expect(view.Call).toMatchObject({ CallId: id, Kind: 'queue', Phase: 'ended', QueueId: DEMO.queues.sales });
    expect(Object.keys(view.Call).every((k) => /^[A-Z]/.test(k))).toBe(true);
    const timeline = view.Timeline as { EventType: string; Id: string; Timestamp: string }[];
    expect(timeline.map((p) => p.EventType)).toEqual(expect.arrayContaining(['QueueStatus', 'UserStatus', 'QueueCallInUserConnected']));
    const stamps = timeline.map((p) => Date.parse(`${p.Timestamp}Z`));
    expect(stamps.every((t, i) => i === 0 || t > stamps[i - 1])).toBe(true);
    // The receiver got each of them.
    const received = new Set((await sim.delivered(mark)).map((d) => d.payload.Id));
    expect(timeline.every((p) => received.has(p.Id))).toBe(true);
  });

  it('PUT /api/queues/:id/attached-users stores the list: the answer, GET and the event agree', async () => {
    const mark = await paused();
    const list = [
      { UserId: laura.id, Priority: 0, Active: true },
      { UserId: mikko.userName, Priority: 3, Active: false },
    ];
    const put = await h.api().put(`/api/queues/${DEMO.queues.sales}/attached-users`).send({ AttachedUsers: list }).expect(200);
    const stored = [
      { UserId: laura.id, Priority: 0, Active: true },
      { UserId: mikko.id, Priority: 3, Active: false },
    ];
    expect(put.body.AttachedUsers).toEqual(stored);
    expect((await h.api().get(`/api/queues/${DEMO.queues.sales}`).expect(200)).body.AttachedUsers).toEqual(stored);
    await sim.advance(1);
    const event = (await sim.delivered(mark)).map((d) => d.payload).find((p) => p.EventType === 'QueueAttachedUsers')!;
    expect((event.AttachedUsers as { UserId: string }[]).map((a) => a.UserId)).toEqual([laura.id, mikko.id]);
    await h
      .api()
      .put(`/api/queues/${DEMO.queues.sales}/attached-users`)
      .send({ AttachedUsers: [{ UserId: laura.id }, { UserId: jukka.id, Priority: 1 }] })
      .expect(200);
  });

  it('callbacks: CallBackId as the events spell it, TypeId 3, and one way to be empty per property', async () => {
    const mark = await paused();
    const created = await h
      .api()
      .post(`/api/call-lists/${DEMO.callListId}/callbacks`)
      .send({ ContactNumber: '+358401234999', Note: '', TypeId: 3 })
      .expect(201);
    const id = created.body.CallBackId;
    expect(id).toEqual(expect.any(String));
    await sim.advance(0); // the paused clock runs the creation
    await h.api().post(`/api/callbacks/${id}/attempts`).send({ User: anna.id, Result: 'NoAnswer', Note: '' }).expect(202);
    await h.api().post(`/api/call-lists/${DEMO.callListId}/callbacks`).send({ ContactNumber: '+358401234998', TypeId: 2 }).expect(400);
    await sim.advance(1);
    const changes = (await sim.delivered(mark)).map((d) => d.payload).filter((p) => p.EventType === 'CallbackChanged' && p.CallBackId === id);
    expect(changes).toHaveLength(2);
    for (const c of changes) expect(c).toMatchObject({ TypeId: 3, Note: null, ContactName: '', ContactMessage: '' });
    expect(changes[1]).toMatchObject({ LastAttemptNote: null });
    expect((changes[1].CallbackAttempts as { Note: unknown }[])[0].Note).toBeNull();
  });

  it('SmartRouting: extradata.CurrUserId is "", and the log and the call say applied only when something was applied', async () => {
    await h
      .api()
      .put(`/api/queues/${DEMO.queues.service}/smart-routing`)
      .send({ Endpoint: receiverUrl('/sr'), InsecureSSL: true, ApiKey: 'key-1234-secret', SendExtraData: true })
      .expect(200);
    await paused();
    const ids: Record<string, string> = {};
    for (const anum of ['+358500000001', '+358500000002', '+358500000003']) {
      ids[anum] = await call({ Type: 'queue', Queue: DEMO.queues.service, Script: { CallerNumber: anum, AnswerAfterSeconds: 1, TalkSeconds: 2 } });
      await sim.advance(1);
    }
    await sim.advance(60);
    const requests = receiver.requests.filter((r) => r.path === '/sr').map((r) => r.json as { extradata: { CurrUserId: unknown } });
    expect(requests.length).toBeGreaterThanOrEqual(3);
    for (const r of requests) expect(r.extradata.CurrUserId).toBe('');
    const outcome = async (callId: string) => {
      for (let i = 0; i < 100; i++) {
        const [row] = (await h.api().get('/api/smart-routing/requests').query({ callId }).expect(200)).body.Items as {
          Outcome: string;
          Reason: string | null;
        }[];
        if (row && (row.Outcome !== 'applied' || i > 20)) return row;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`no decision logged for ${callId}`);
    };
    expect(await outcome(ids['+358500000001'])).toMatchObject({ Outcome: 'default-unapplied' });
    expect((await outcome(ids['+358500000002'])).Reason).toMatch(/matches no queue/);
    expect(await outcome(ids['+358500000003'])).toMatchObject({ Outcome: 'applied' });
    // The call's own view says the same as the log.
    const decision = async (callId: string) => (await h.api().get(`/api/calls/${callId}`).expect(200)).body.Call.RoutingDecision;
    expect(await decision(ids['+358500000001'])).toMatchObject({ Outcome: 'default-unapplied', Instructions: {}, Reason: expect.stringMatching(/nothing/) });
    expect(await decision(ids['+358500000002'])).toMatchObject({ Outcome: 'default-unapplied', Reason: expect.stringMatching(/matches no queue/) });
    expect(await decision(ids['+358500000003'])).toMatchObject({ Outcome: 'applied', Instructions: { Priority: 5000 } });
    await h
      .api()
      .delete(`/api/queues/${DEMO.queues.service}/smart-routing`)
      .expect((r) => expect([200, 204]).toContain(r.status));
  });
});
