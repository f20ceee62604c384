import { DEMO } from '../src/organization/demo-organization';
import type { HttpsReceiver } from './support/https-receiver';
import { startSimulationRig, type Delivered, type SimulationRig } from './support/simulation-driver';

const [anna, mikko, laura, jukka] = DEMO.users;
const START = '2026-06-01T09:00:00Z';

describe('every documented behaviour is reachable and scriptable through the API (HTTPS receiver on 127.0.0.1:443)', () => {
  let rig: SimulationRig;
  let receiver: HttpsReceiver;
  let h: SimulationRig['h'];
  let sim: SimulationRig['sim'];

  beforeAll(async () => {
    rig = await startSimulationRig('/reach');
    ({ receiver, h, sim } = rig);
  });
  afterAll(() => rig?.close());

  const call = async (body: Record<string, unknown>): Promise<string> => (await h.api().post('/api/calls').send(body).expect(201)).body.CallId;
  const of = (got: Delivered[], callId: string) => got.map((d) => d.payload).filter((p) => p.CallId === callId);
  const first = (got: Delivered[], callId: string, type: string) => of(got, callId).find((p) => p.EventType === type);

  async function run(commands: () => Promise<void>, seconds: number): Promise<Delivered[]> {
    const mark = sim.mark();
    await sim.reset({ Seed: 'reach', StartTime: START, Paused: true });
    await commands();
    await sim.advance(seconds);
    return sim.delivered(mark);
  }

  it("a user's own overflow target (PATCH /api/users) takes unanswered calls: UserCallInUserOverflow and the user transfer", async () => {
    const patched = await h
      .api()
      .patch(`/api/users/${mikko.id}`)
      .send({ OverflowTarget: { Kind: 'number', Target: '+358407770000' } })
      .expect(200);
    expect(patched.body.OverflowTarget).toEqual({ Kind: 'number', Target: '+358407770000' });
    await h
      .api()
      .patch(`/api/users/${mikko.id}`)
      .send({ OverflowTarget: { Kind: 'user', Target: mikko.id } })
      .expect(400);
    let id = '';
    const got = await run(async () => {
      id = await call({ Type: 'direct', User: mikko.id, Script: { AgentAnswers: false, TransferAnswers: true } });
    }, 60);
    expect(first(got, id, 'UserCallInUserOverflow')).toMatchObject({ Reason: 'NoAnswer', Target: '+358407770000' });
    expect(of(got, id).map((p) => p.EventType)).toEqual(
      expect.arrayContaining(['UserCallInOverflow', 'UserCallInTransferStarted', 'UserCallInTransferConnected']),
    );
    await h.api().patch(`/api/users/${mikko.id}`).send({ OverflowTarget: null }).expect(200);
  });

  it('TransferAll, InterruptOverflow and BlindTransfer: a forward-all user, a declined call, a blind transfer', async () => {
    await h
      .api()
      .patch(`/api/users/${jukka.id}`)
      .send({ ForwardAll: true, OverflowTarget: { Kind: 'queue', Target: DEMO.queues.service } })
      .expect(200);
    let forwarded = '';
    let declined = '';
    let handed = '';
    const got = await run(async () => {
      forwarded = await call({ Type: 'direct', User: jukka.id, Script: { AnswerAfterSeconds: 1, TalkSeconds: 5 } });
      declined = await call({ Type: 'direct', User: mikko.id, Script: { AnswerAfterSeconds: 10, TalkSeconds: 5 } });
      handed = await call({ Type: 'direct', User: laura.id, Script: { AnswerAfterSeconds: 1, TalkSeconds: 60 } }); // Anna takes the forwarded call
      await sim.advance(3);
      await h.api().post(`/api/calls/${declined}/reject`).send({}).expect(202);
      await h.api().post(`/api/calls/${handed}/transfer`).send({ Target: '+358409990000' }).expect(202);
      await h.api().post(`/api/calls/${handed}/reject`).send({}).expect(409);
    }, 60);
    expect(first(got, forwarded, 'UserCallInUserOverflow')).toMatchObject({ Reason: 'TransferAll', Target: DEMO.queues.service });
    expect(first(got, forwarded, 'UserCallInUserAllocated')).toBeUndefined();
    expect(first(got, declined, 'UserCallInUserCancelled')).toMatchObject({ Reason: 'local', DetailedReason: 'InterruptOverflow' });
    // Mikko has no overflow target: the declined call ends with 480.
    expect(first(got, declined, 'UserCallInDisconnected')).toMatchObject({ TechReason: '480' });
    expect(first(got, handed, 'UserCallInUserConnected')).toBeDefined();
    expect(first(got, handed, 'UserCallInUserOverflow')).toMatchObject({ Reason: 'BlindTransfer', Target: '+358409990000' });
    expect(first(got, handed, 'UserCallInTransferStarted')).toMatchObject({ TransferTarget: '+358409990000' });
    await h.api().patch(`/api/users/${jukka.id}`).send({ ForwardAll: false, OverflowTarget: null }).expect(200);
  });

  it('ServiceTerminals 0 makes a call to the user BusyForTechnicalError', async () => {
    await h
      .api()
      .patch(`/api/users/${laura.id}`)
      .send({ ServiceTerminals: 0, OverflowTarget: { Kind: 'queue', Target: DEMO.queues.service } })
      .expect(200);
    let id = '';
    const got = await run(async () => {
      id = await call({ Type: 'direct', User: laura.userName, Script: { AnswerAfterSeconds: 1, TalkSeconds: 5 } });
    }, 60);
    expect(first(got, id, 'UserCallInUserOverflow')).toMatchObject({ Reason: 'BusyForTechnicalError' });
    expect(first(got, id, 'UserCallInOverflow')).toMatchObject({ TechEvent: 'BusyForTechnicalError' });
    await h.api().patch(`/api/users/${laura.id}`).send({ ServiceTerminals: 0, OverflowTarget: null }).expect(200);
    const cut = await run(async () => {
      id = await call({ Type: 'direct', User: laura.userName });
    }, 10);
    expect(first(cut, id, 'UserCallInDisconnected')).toMatchObject({ TechReason: '503' });
    await h.api().patch(`/api/users/${laura.id}`).send({ ServiceTerminals: 1 }).expect(200);
  });

  it('TargetClosed: a transfer into a queue whose OpenStatus is not open is cancelled', async () => {
    const closed = (
      await h
        .api()
        .post('/api/queues')
        .send({ Name: 'Closed desk', Number: '+358101239999', OpenStatus: 3, AttachedUsers: [{ UserId: jukka.id }] })
        .expect(201)
    ).body;
    expect(closed.OpenStatus).toBe(3);
    await h.api().post('/api/queues').send({ Name: 'Bad', Number: '+358101239998', OpenStatus: 9 }).expect(400);
    await h
      .api()
      .patch(`/api/queues/${DEMO.queues.vip}`)
      .send({ OverflowTarget: { Kind: 'queue', Target: closed.Id } })
      .expect(200);
    let id = '';
    const got = await run(async () => {
      await h.api().post(`/api/users/${anna.id}/availability`).send({ Availability: 'OffWork' }).expect(202);
      id = await call({ Type: 'queue', Queue: 'VIP' });
    }, 10);
    expect(first(got, id, 'QueueCallInTransferCancelled')).toMatchObject({ Reason: 'TargetClosed' });
    expect(first(got, id, 'QueueCallInDisconnected')).toBeDefined();
    await h
      .api()
      .patch(`/api/queues/${DEMO.queues.vip}`)
      .send({ OverflowTarget: { Kind: 'queue', Target: DEMO.queues.service } })
      .expect(200);
  });

  it('max_wait_exceeded: a queue with a maximum wait and no overflow target disconnects the caller', async () => {
    await h.api().patch(`/api/queues/${DEMO.queues.sales}`).send({ OverflowTarget: null, MaxWaitSeconds: 20 }).expect(200);
    let id = '';
    const got = await run(async () => {
      for (const u of [laura, jukka]) await h.api().post(`/api/users/${u.id}/availability`).send({ Availability: 'DoNotDisturb' }).expect(202);
      id = await call({ Type: 'queue', Queue: 'Sales' });
    }, 30);
    const disconnected = first(got, id, 'QueueCallInDisconnected')!;
    expect(disconnected).toMatchObject({ Reason: 'local', TechReason: 'max_wait_exceeded' });
    expect(Date.parse(`${disconnected.Timestamp}Z`) - Date.parse(`${START.replace('Z', '')}Z`)).toBeGreaterThanOrEqual(20_000);
    await h
      .api()
      .patch(`/api/queues/${DEMO.queues.sales}`)
      .send({ OverflowTarget: { Kind: 'queue', Target: DEMO.queues.service }, MaxWaitSeconds: 45 })
      .expect(200);
  });

  it("the call script chooses a queue call's agent and its priority", async () => {
    let chosen = '';
    let plain = '';
    let urgent = '';
    const got = await run(async () => {
      // Jukka comes last in Customer Service, but the script names him.
      chosen = await call({ Type: 'queue', Queue: 'Customer Service', Script: { Agent: jukka.userName, AnswerAfterSeconds: 1, TalkSeconds: 5 } });
      // VIP has one agent: while she talks, a plain call and then an urgent one wait; the urgent one goes first.
      await call({ Type: 'queue', Queue: 'VIP', Script: { AnswerAfterSeconds: 1, TalkSeconds: 20 } });
      plain = await call({ Type: 'queue', Queue: 'VIP', Script: { AnswerAfterSeconds: 1, TalkSeconds: 5, AbandonAfterSeconds: 300 } });
      urgent = await call({ Type: 'queue', Queue: 'VIP', Script: { AnswerAfterSeconds: 1, TalkSeconds: 5, Priority: 10000, AbandonAfterSeconds: 300 } });
    }, 28); // Anna is free after 1 + 20 s and her 5 s wrap-up, before VIP's 30 s maximum wait
    expect(first(got, chosen, 'QueueCallInUserAllocated')).toMatchObject({ UserId: jukka.id, DetailedReason: 'AllocationTarget' });
    expect(first(got, urgent, 'QueueCallInUserAllocated')).toMatchObject({ UserId: anna.id });
    expect(first(got, plain, 'QueueCallInUserAllocated')).toBeUndefined();
    const bad = await h
      .api()
      .post('/api/calls')
      .send({ Type: 'queue', Queue: 'VIP', Script: { Agent: jukka.id } })
      .expect(400);
    expect(bad.body.message.join('\n')).toMatch(/not attached to queue VIP/);
    await h
      .api()
      .post('/api/calls')
      .send({ Type: 'direct', User: anna.id, Script: { Priority: 5 } })
      .expect(400);
  });

  it('queues by name in POST /api/calls, and a 404 that lists the queues', async () => {
    let id = '';
    const got = await run(async () => {
      id = await call({ Type: 'queue', Queue: 'sales', Script: { AnswerAfterSeconds: 1, TalkSeconds: 2 } });
    }, 5);
    expect(first(got, id, 'QueueCallInComing')).toMatchObject({ QueueId: DEMO.queues.sales, QueueName: 'Sales' });
    const missing = await h.api().post('/api/calls').send({ Type: 'queue', Queue: 'Marketing' }).expect(404);
    expect(missing.body.message.join('\n')).toMatch(/Sales \(\+358101231235, 7dc42e8e/);
    expect(missing.body.message.join('\n')).toMatch(/Customer Service/);
  });

  it("POST /api/events with a queue's or user's name fills the stored organisation's ids", async () => {
    const mark = receiver.requests.length;
    const { Payload: p } = await h.emit({ EventType: 'QueueCallInUserAllocated', QueueName: 'Sales', UserName: laura.userName });
    expect(p).toMatchObject({
      QueueId: DEMO.queues.sales,
      QueueNumber: '+358101231235',
      UserId: laura.id,
      OrganizationId: DEMO.organizationId,
      RootEntityId: DEMO.organizationId,
      EntityId: DEMO.queues.sales,
    });
    await receiver.waitFor((r) => r.requests.slice(mark).some((q) => (q.json as { Id: string }).Id === p.Id), 10_000);
    const { Payload: other } = await h.emit({ EventType: 'QueueCallInArrived', QueueName: 'Sample queue 1' });
    expect(other.QueueId).not.toBe(DEMO.queues.sales);
  });

  it('POST /api/calls?wait=routed answers once the call is routed, with its state', async () => {
    await sim.reset({ Seed: 'reach', TimeScale: 1 });
    const placed = await h
      .api()
      .post('/api/calls')
      .query({ wait: 'routed' })
      .send({ Type: 'queue', Queue: 'Customer Service', Script: { AnswerAfterSeconds: 30, TalkSeconds: 5 } })
      .expect(201);
    expect(placed.body.Call.Phase).not.toBe('routing');
    expect(['queuing', 'ringing']).toContain(placed.body.Call.Phase);
    await h.api().post('/api/calls').query({ wait: 'soon' }).send({ Type: 'queue', Queue: 'VIP' }).expect(400);
    await sim.reset({ Seed: 'reach', Paused: true });
    const refused = await h.api().post('/api/calls').query({ wait: 'routed' }).send({ Type: 'queue', Queue: 'VIP' }).expect(409);
    expect(refused.body.message.join('\n')).toMatch(/paused/);
  });
});
