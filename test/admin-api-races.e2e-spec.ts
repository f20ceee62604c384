import { adminApi } from './support/api';
import { receiverUrl } from './support/receiver-host';
import { startTestApp, type TestApp } from './support/test-app';

/** Rounds of a race: enough that a wrong interleaving, which took about one round in four, shows up. */
const ROUNDS = 30;

/**
 * Requests on one resource at the same moment: whatever order they run in, a DELETE answered 204
 * leaves nothing behind, and a check the API makes (no duplicate subscription) holds for all of them.
 */
describe('admin API: concurrent changes of one resource', () => {
  let app: TestApp;
  let h: ReturnType<typeof adminApi>;

  beforeAll(async () => {
    app = await startTestApp();
    h = adminApi(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  // First in this file: it needs the database without an organisation (DEMO_ORGANIZATION is off).
  it('puts concurrent first creates into one organisation, so every one answered 201 is listed', async () => {
    const created = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        h
          .api()
          .post('/api/call-lists')
          .send({ Name: `First ${i}` }),
      ),
    );
    expect(created.map((c) => c.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const listed = (await h.api().get('/api/call-lists').expect(200)).body as { Id: string }[];
    expect(listed.map((l) => l.Id).sort()).toEqual(created.map((c) => (c.body as { Id: string }).Id).sort());
  });

  it('never brings back a webhook whose DELETE was answered 204 by a PATCH running alongside', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const webhook = await h.createWebhook({ Endpoint: receiverUrl('/race') }, [{ EventType: 'UserStatus', AllEntities: true }]);
      const [patched, deleted] = await Promise.all([
        h.api().patch(`/api/webhooks/${webhook.Id}`).send({ IsActive: false }),
        h.api().delete(`/api/webhooks/${webhook.Id}`),
      ]);
      const after = await h.api().get(`/api/webhooks/${webhook.Id}`);
      outcomes.push(`PATCH ${patched.status}, DELETE ${deleted.status}, then GET ${after.status}`);
    }
    // The PATCH either ran first (200) or found the webhook gone (404); the webhook is gone either way.
    for (const outcome of outcomes) expect(outcome).toMatch(/^PATCH (200|404), DELETE 204, then GET 404$/);
    expect((await h.api().get('/api/webhooks').expect(200)).body).toEqual([]);
  });

  it('answers two DELETEs of one webhook at once with one 204 and one 404', async () => {
    const webhook = await h.createWebhook({ Endpoint: receiverUrl('/race') }, [{ EventType: 'UserStatus', AllEntities: true }]);
    const answers = await Promise.all([h.api().delete(`/api/webhooks/${webhook.Id}`), h.api().delete(`/api/webhooks/${webhook.Id}`)]);
    expect(answers.map((a) => a.status).sort()).toEqual([204, 404]);
    expect(answers.find((a) => a.status === 404)!.body.message).toEqual([`No webhook ${webhook.Id}`]);
  });

  it('adds one subscription of six identical ones sent at once; the others get 409, as they would one after another', async () => {
    const webhook = await h.createWebhook({ Endpoint: receiverUrl('/race') }, [{ EventType: 'UserStatus', AllEntities: true }]);
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => h.api().post(`/api/webhooks/${webhook.Id}/subscriptions`).send({ EventType: 'QueueStatus', AllEntities: true })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    for (const a of answers.filter((x) => x.status === 409))
      expect(a.body.message).toEqual([`Webhook ${webhook.Id} already has this subscription to QueueStatus`]);

    const all = await Promise.all(
      Array.from({ length: 3 }, () => h.api().post(`/api/webhooks/${webhook.Id}/subscriptions`).send({ AllEventTypes: true, AllEntities: true })),
    );
    expect(all.map((a) => a.status)).toEqual([201, 201, 201]);
    // Each type once: 34 in all, whichever of the three requests added them.
    const subscriptions = (await h.api().get(`/api/webhooks/${webhook.Id}/subscriptions`).expect(200)).body as { EventType: string }[];
    expect(subscriptions).toHaveLength(34);
    expect(new Set(subscriptions.map((s) => s.EventType)).size).toBe(34);
  });
  it('never lets a queue overflow to a call list deleted at the same moment, so the simulation can still be built', async () => {
    const outcomes: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const list = (
        await h
          .api()
          .post('/api/call-lists')
          .send({ Name: `Overflow ${round}` })
          .expect(201)
      ).body as { Id: string };
      const number = `+35810444${String(round).padStart(4, '0')}`;
      const queue = (
        await h
          .api()
          .post('/api/queues')
          .send({ Name: `Queue ${round}`, Number: number })
          .expect(201)
      ).body as { Id: string };
      const [patched, deleted] = await Promise.all([
        h
          .api()
          .patch(`/api/queues/${queue.Id}`)
          .send({ OverflowTarget: { Kind: 'callList', Target: list.Id } }),
        h.api().delete(`/api/call-lists/${list.Id}`),
      ]);
      outcomes.push(`PATCH ${patched.status}, DELETE ${deleted.status}`);
    }
    // Either the queue pointed at the list first (and the DELETE is refused) or the list was gone.
    for (const outcome of outcomes) expect(outcome).toMatch(/^PATCH 200, DELETE 409$|^PATCH 400, DELETE 204$/);
    const reset = await h.api().post('/api/simulation/reset').send({ Paused: true });
    expect(reset.status).toBe(200);
  });
});
