import { DEMO } from '../src/organization/demo-organization';
import { adminApi } from './support/api';
import { startTestApp, type TestApp } from './support/test-app';

describe('organisation model API', () => {
  let app: TestApp;
  let h: ReturnType<typeof adminApi>;

  beforeAll(async () => {
    app = await startTestApp({ DEMO_ORGANIZATION: 'true' });
    h = adminApi(app);
  });
  afterAll(() => app?.close());

  it('creates the demo organisation on first start with an empty database', async () => {
    const org = (await h.api().get('/api/organization').expect(200)).body;
    expect(org).toMatchObject({ Id: DEMO.organizationId, Name: 'Demo Oy' });
    expect(org.Users).toHaveLength(4);
    expect(org.Queues.map((q: { Name: string }) => q.Name)).toEqual(expect.arrayContaining(['Customer Service', 'Sales', 'VIP']));
    expect(org.CallLists).toHaveLength(1);
  });

  it('creates, reads, changes and deletes users, queues and call lists, refusing bad input', async () => {
    const user = (await h.api().post('/api/users').send({ UserName: 'ville.laine@demo.example', Number: '+358401000009' }).expect(201)).body;
    expect(user).toMatchObject({ UserName: 'ville.laine@demo.example', Availability: 'Available' });
    await h.api().post('/api/users').send({ UserName: 'ville.laine@demo.example', Number: '+358401000010' }).expect(409);
    const bad = await h.api().post('/api/users').send({ UserName: 'not an email', Number: 'call me' }).expect(400);
    expect(bad.body.message.join('\n')).toMatch(/UserName must be an e-mail-like username[\s\S]*Number must be a phone number/);

    const list = (
      await h
        .api()
        .post('/api/call-lists')
        .send({ Name: 'Evening callbacks', AttachedUserIds: [user.Id] })
        .expect(201)
    ).body;
    const queue = (
      await h
        .api()
        .post('/api/queues')
        .send({
          Name: 'Support',
          Number: '+358101239999',
          AttachedUsers: [{ UserId: user.Id, Priority: 1 }],
          OverflowTarget: { Kind: 'callList', Target: list.Id },
        })
        .expect(201)
    ).body;
    expect(queue).toMatchObject({ WrapUpSeconds: 30, MaxWaitSeconds: 120, AttachedUsers: [{ UserId: user.Id, Priority: 1, Active: true }] });
    await h
      .api()
      .post('/api/queues')
      .send({ Name: 'X', Number: '+358101239998', AttachedUsers: [{ UserId: '00000000-0000-4000-8000-000000000000' }] })
      .expect(400);
    await h
      .api()
      .post('/api/queues')
      .send({ Name: 'X', Number: '+358101239998', OverflowTarget: { Kind: 'queue', Target: 'sales' } })
      .expect(400);

    const patched = (await h.api().patch(`/api/queues/${queue.Id}`).send({ MaxWaitSeconds: 30, OverflowTarget: null }).expect(200)).body;
    expect(patched).toMatchObject({ MaxWaitSeconds: 30, OverflowTarget: null });
    await h.api().delete(`/api/users/${user.Id}`).expect(409);
    await h.api().delete(`/api/queues/${queue.Id}`).expect(204);
    await h.api().delete(`/api/users/${user.Id}`).expect(409);
    await h.api().delete(`/api/call-lists/${list.Id}`).expect(204);
    await h.api().delete(`/api/users/${user.Id}`).expect(204);
    await h.api().get(`/api/queues/${queue.Id}`).expect(404);
    await h.api().get('/api/users/nope').expect(400);
  });

  it('a call placed right after its queue was created or deleted sees the change: placed, then refused, never 503', async () => {
    for (let round = 0; round < 5; round++) {
      const number = `+35810999000${round}`;
      const queue = (
        await h
          .api()
          .post('/api/queues')
          .send({ Name: `Just made ${round}`, Number: number })
          .expect(201)
      ).body as { Id: string };
      const placed = await h.api().post('/api/calls').send({ Type: 'queue', Queue: number });
      expect(placed.status).toBe(201);
      await h.api().delete(`/api/queues/${queue.Id}`).expect(204);
      const refused = await h.api().post('/api/calls').send({ Type: 'queue', Queue: number });
      expect(refused.status).toBe(404);
    }
  });
});
