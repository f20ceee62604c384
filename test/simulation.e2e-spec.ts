import { EVENT_TYPE_NAMES } from '../src/catalog/event-catalog';
import { DEMO } from '../src/organization/demo-organization';
import { adminApi } from './support/api';
import { HttpsReceiver } from './support/https-receiver';
import { startTestApp, type TestApp } from './support/test-app';
import { receiverUrl } from './support/receiver-host';

type Payload = Record<string, unknown> & { Id: string; EventType: string };

describe('simulated calls through the admin API (HTTPS receiver on 127.0.0.1:443)', () => {
  let app: TestApp;
  let receiver: HttpsReceiver;
  let h: ReturnType<typeof adminApi>;

  beforeAll(async () => {
    receiver = await HttpsReceiver.start({ port: 443 });
    app = await startTestApp({ DEMO_ORGANIZATION: 'true', TIME_SCALE: '100' });
    h = adminApi(app);
    await h.createWebhook(
      { Endpoint: receiverUrl('/sim'), InsecureSSL: true },
      EVENT_TYPE_NAMES.map((EventType) => ({ EventType, AllEntities: true })),
    );
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  async function timelineWhen(callId: string, done: (t: Payload[]) => boolean, timeoutMs = 15_000): Promise<Payload[]> {
    const started = Date.now();
    for (;;) {
      const res = await h.api().get(`/api/calls/${callId}`).expect(200);
      if (done(res.body.Timeline)) return res.body.Timeline;
      if (Date.now() - started > timeoutMs) throw new Error(`call ${callId} timeline: ${res.body.Timeline.map((p: Payload) => p.EventType).join(', ')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('plays a queue call as the documented sequence, and every event of it reaches the receiver', async () => {
    const placed = await h
      .api()
      .post('/api/calls')
      .send({ Type: 'queue', Queue: '+358101231234', Script: { AnswerAfterSeconds: 2, TalkSeconds: 5, HangupBy: 'caller', AgentAnswers: true } })
      .expect(201);
    const callId = placed.body.CallId;
    const timeline = await timelineWhen(callId, (t) => t.some((p) => p.EventType === 'QueueCallInDisconnected'));
    const queueEvents = timeline.filter((p) => p.EventType.startsWith('QueueCallIn')).map((p) => p.EventType);
    expect(queueEvents).toEqual(['QueueCallInComing', 'QueueCallInArrived', 'QueueCallInUserAllocated', 'QueueCallInUserConnected', 'QueueCallInDisconnected']);
    const disconnected = timeline.find((p) => p.EventType === 'QueueCallInDisconnected')!;
    expect(disconnected.Reason).toBe('remote');
    for (const p of timeline.filter((x) => x.EventType.startsWith('QueueCallIn'))) {
      expect(p.CallId).toBe(callId);
      expect(p.QueueId).toBe(DEMO.queues.service);
      expect(p.RootEntityId).toBe(DEMO.organizationId);
    }
    const ids = timeline.map((p) => p.Id);
    await receiver.waitFor((r) => ids.every((id) => r.requests.some((q) => (q.json as Payload).Id === id)), 10_000);
    const received = receiver.requests.filter((q) => ids.includes((q.json as Payload).Id));
    for (const q of received) expect(q.headers['x-benemen-event']).toBe((q.json as Payload).EventType);
  });

  it('changes availability, supervises, and handles callbacks through the API', async () => {
    const [anna, mikko] = DEMO.users;
    await h.api().post(`/api/users/${anna.userName}/availability`).send({ Availability: 'DoNotDisturb', Note: 'Lunch' }).expect(202);
    // Supervision needs a connected call: Anna is away, so the queue's next agent, Mikko, takes this one.
    const call = await h
      .api()
      .post('/api/calls')
      .send({ Type: 'queue', Queue: DEMO.queues.service, Script: { AnswerAfterSeconds: 1, TalkSeconds: 3600, AgentAnswers: true } })
      .expect(201);
    const connected = await timelineWhen(call.body.CallId, (t) => t.some((p) => p.EventType === 'QueueCallInUserConnected'));
    expect(connected.find((p) => p.EventType === 'QueueCallInUserConnected')!.UserId).toBe(mikko.id);
    await h.api().post(`/api/users/${anna.id}/supervision`).send({ Target: mikko.id }).expect(202);
    await h.api().post(`/api/users/${anna.id}/supervision`).send({ Target: mikko.id }).expect(409);
    await h.api().post(`/api/calls/${call.body.CallId}/hangup`).send({ By: 'agent' }).expect(202);
    const created = await h
      .api()
      .post(`/api/call-lists/${DEMO.callListId}/callbacks`)
      .send({ ContactNumber: '+358401112223', Note: 'Wants a call' })
      .expect(201);
    const callbackId = created.body.CallBackId;
    await h.api().post(`/api/callbacks/${callbackId}/assign`).send({ User: mikko.id }).expect(202);
    await h.api().post(`/api/callbacks/${callbackId}/attempts`).send({ User: mikko.id, Result: 'NoAnswer' }).expect(202);
    await h.api().post(`/api/callbacks/${callbackId}/close`).send({}).expect(202);
    await receiver.waitFor((r) => {
      const seen = r.requests.map((q) => q.json as Payload);
      const callbackChanges = seen.filter((p) => p.EventType === 'CallbackChanged' && p.CallBackId === callbackId).length;
      return callbackChanges >= 4 && ['UserAvailability', 'UserSupervisionStatus'].every((t) => seen.some((p) => p.EventType === t));
    }, 10_000);
    const availability = receiver.requests.map((q) => q.json as Payload).find((p) => p.EventType === 'UserAvailability' && p.UserId === anna.id)!;
    expect(availability).toMatchObject({ Availability: 'DoNotDisturb', Note: 'Lunch', EndTime: '9999-12-31T23:59:59.9999999' });
    const changes = receiver.requests.map((q) => q.json as Payload).filter((p) => p.EventType === 'CallbackChanged' && p.CallBackId === callbackId);
    expect(changes.length).toBeGreaterThanOrEqual(4);
    let stored: unknown;
    for (let i = 0; i < 50 && !(stored as { IsClosed?: boolean } | undefined)?.IsClosed; i++) {
      stored = (await h.api().get('/api/callbacks').expect(200)).body.find((c: { Id: string }) => c.Id === callbackId);
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(stored).toMatchObject({ IsClosed: true, CallListId: DEMO.callListId });
    await h.api().post(`/api/users/${anna.id}/availability`).send({ Availability: 'Available' }).expect(202);
  });

  it('replays a recorded run exactly: ReplayOf, same commands, same virtual times give the same stream, ids included', async () => {
    let runId = '';
    const run = async () => {
      const reset = runId
        ? await h.api().post('/api/simulation/reset').send({ ReplayOf: runId }).expect(200)
        : await h.api().post('/api/simulation/reset').send({ Seed: 42, StartTime: '2026-01-01T08:00:00Z', Paused: true }).expect(200);
      runId = reset.body.RunId;
      const a = (await h.api().post('/api/calls').send({ Type: 'queue', Queue: '+358101231235' }).expect(201)).body.CallId;
      const b = (await h.api().post('/api/calls').send({ Type: 'outbound', User: DEMO.users[1].userName, Number: '+358401234567' }).expect(201)).body.CallId;
      await h.api().post('/api/simulation/advance').send({ Seconds: 900 }).expect(200);
      const timeline = async (id: string) => (await h.api().get(`/api/calls/${id}`).expect(200)).body.Timeline as Payload[];
      return { a, b, timelines: [await timeline(a), await timeline(b)] };
    };
    const first = await run();
    const recorded = runId;
    const second = await run();
    expect(runId).toBe(recorded);
    expect(second.a).toBe(first.a);
    expect(second.timelines).toEqual(first.timelines);
    expect(first.timelines[0].length).toBeGreaterThan(3);
    expect(first.timelines[0][0].Timestamp).toMatch(/^2026-01-01T08:00:00/);
    // The replayed events were delivered again with the same Ids, as platform duplicates.
    const replayed = first.timelines[0][0].Id;
    await receiver.waitFor((r) => r.requests.filter((q) => (q.json as Payload).Id === replayed).length >= 2, 10_000);
    await h.api().post('/api/simulation/advance').send({ Seconds: 1 }).expect(200);
    await h.api().post('/api/simulation/resume').send({}).expect(200);
    expect((await h.api().get('/api/simulation').expect(200)).body.Paused).toBe(false);
    await h.api().post('/api/simulation/advance').send({ Seconds: 1 }).expect(409);
  });

  it('answers bad commands with 4xx naming the problem', async () => {
    await h.api().post('/api/calls').send({ Type: 'queue', Queue: '+358000000000' }).expect(404);
    const noQueue = await h.api().post('/api/calls').send({ Type: 'queue' }).expect(400);
    expect(noQueue.body.message).toEqual(['Queue is required for this call type']);
    const badType = await h.api().post('/api/calls').send({ Type: 'fax' }).expect(400);
    expect(badType.body.message.join('\n')).toMatch(/Type must be one of: queue, direct, outbound/);
    await h.api().post('/api/users/nobody@demo.example/availability').send({ Availability: 'Available' }).expect(404);
    await h.api().post(`/api/users/${DEMO.users[0].id}/availability`).send({ Availability: 'Asleep' }).expect(400);
    await h.api().get('/api/calls/00000000-0000-4000-8000-000000000000').expect(404);
  });

  it("refuses a queue's member listed twice (by id, or by id and username): a 400 naming both places, and the stored list stays", async () => {
    const [anna, mikko] = DEMO.users;
    const stored = (await h.api().get(`/api/queues/${DEMO.queues.sales}`).expect(200)).body.AttachedUsers;
    const twice = await h
      .api()
      .put(`/api/queues/${DEMO.queues.sales}/attached-users`)
      .send({ AttachedUsers: [{ UserId: anna.id }, { UserId: mikko.id }, { UserId: anna.userName }] })
      .expect(400);
    expect(twice.body.message).toEqual([`AttachedUsers[2].UserId: user ${anna.id} is already listed at AttachedUsers[0]`]);
    const created = await h
      .api()
      .post('/api/queues')
      .send({ Name: 'Twice', Number: '+358101239999', AttachedUsers: [{ UserId: mikko.id }, { UserId: mikko.id }] })
      .expect(400);
    expect(created.body.message).toEqual([`AttachedUsers[1].UserId: user ${mikko.id} is already listed at AttachedUsers[0]`]);
    expect((await h.api().get(`/api/queues/${DEMO.queues.sales}`).expect(200)).body.AttachedUsers).toEqual(stored);
  });
});
