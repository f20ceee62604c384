import { randomUUID } from 'node:crypto';
import { getQueueToken } from '@nestjs/bullmq';
import { Worker, type Queue } from 'bullmq';
import type Redis from 'ioredis';
import { SeededRandom } from '../src/common/seeded-random';
import { JobName, QueueName } from '../src/deliveries/delivery-queue';
import { ParkedJobs } from '../src/deliveries/parked-jobs';
import { ResendSettled } from '../src/deliveries/resend-settled';
import { createRedis, keyPrefix } from '../src/redis/redis-connection';
import { LANDIS_EVENT_SINK, sampleLandisData, type LandisEventSink } from '../src/landis';
import { adminApi } from './support/api';
import { HttpsReceiver, type ResponsePlan } from './support/https-receiver';
import { receiverUrl } from './support/receiver-host';
import { startTestApp, type TestApp } from './support/test-app';

/** Enreach's schedule and ABP's first wait (60 s) both come out at 3 s; the reconciler looks every second. */
const TIME_SCALE = 20;
const RETRY_MS = 60_000 / TIME_SCALE;

interface Answered {
  path: string;
  /** The event's Id (Enreach's payload and Landis's envelope both carry it). */
  eventId: string;
  status: number;
  at: number;
}

interface Attempt {
  Trigger: string;
  Outcome: string;
  StartedAt: string;
}

describe('a resend that delivers ends the retry schedule (HTTPS receiver on port 443)', () => {
  let app: TestApp;
  let receiver: HttpsReceiver;
  let h: ReturnType<typeof adminApi>;
  let queue: Queue;
  // Each path answers by its plan, given the request's index on that path; every answer is recorded.
  // The Enreach webhooks all take every QueueCallInArrived, so answers are looked at by event.
  const plans = new Map<string, (index: number) => ResponsePlan>();
  const answered: Answered[] = [];

  beforeAll(async () => {
    receiver = await HttpsReceiver.start({ port: 443 });
    const counts = new Map<string, number>();
    receiver.respondWith((req) => {
      const n = counts.get(req.path) ?? 0;
      counts.set(req.path, n + 1);
      const plan = plans.get(req.path)?.(n) ?? { status: 200 };
      answered.push({ path: req.path, eventId: (req.json as { Id: string }).Id, status: plan.status ?? 200, at: req.receivedAt });
      return plan;
    });
    app = await startTestApp({ TIME_SCALE: String(TIME_SCALE), RETRY_JITTER: '0', RECONCILE_INTERVAL_MS: '1000' });
    h = adminApi(app);
    queue = app.context.get<Queue>(getQueueToken(QueueName.Deliveries));
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  const answersTo = (path: string, eventId: string) => answered.filter((a) => a.path === path && a.eventId === eventId);
  const ok = (a: Answered) => a.status >= 200 && a.status < 300;
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  async function enreachDelivery(path: string): Promise<{ deliveryId: string; eventId: string }> {
    const w = await h.createWebhook({ Endpoint: receiverUrl(path), InsecureSSL: true, RetrySchedule: '60s,60s,60s' }, [
      { EventType: 'QueueCallInArrived', AllEntities: true },
    ]);
    const emitted = await h.emit({ EventType: 'QueueCallInArrived' });
    return { deliveryId: emitted.Deliveries.find((d) => d.WebhookId === w.Id)!.Id, eventId: emitted.Payload.Id as string };
  }

  async function landisDelivery(path: string): Promise<{ deliveryId: string; eventId: string }> {
    await h
      .api()
      .post('/api/webhooks')
      .send({ Platform: 'landis', Webhook: { Endpoint: receiverUrl(path), InsecureSSL: true, WebhookEvents: ['App.QueueWebhook'] } })
      .expect(201);
    const id = randomUUID();
    const data = sampleLandisData('App.QueueWebhook', new SeededRandom(path));
    await app.context
      .get<LandisEventSink>(LANDIS_EVENT_SINK)
      .publishLandis({ webhookEvent: 'App.QueueWebhook', data, id, createdAt: new Date(), source: 'e2e' });
    const list = await h.api().get('/api/deliveries').query({ eventId: id }).expect(200);
    return { deliveryId: list.body.Items[0].Id, eventId: id };
  }

  /**
   * The first attempt fails and a retry is scheduled RETRY_MS later; the receiver is then fixed and
   * a resend delivers. Past the retry's time (and several reconciler passes) the receiver got the
   * event once more only, from the resend, and the log shows no attempt after it.
   */
  async function resendAfterFailure(path: string, make: (path: string) => Promise<{ deliveryId: string; eventId: string }>) {
    let fixed = false;
    plans.set(path, () => ({ status: fixed ? 200 : 500 }));
    const { deliveryId, eventId } = await make(path);
    const retrying = await h.waitForDelivery(deliveryId, (x) => x.Status === 'retrying', 10_000);
    expect(retrying.NextAttemptAt).not.toBeNull();
    expect(await queue.getJobState(deliveryId)).toBe('delayed');
    fixed = true;
    const before = answersTo(path, eventId).length;
    const resent = await h.api().post(`/api/deliveries/${deliveryId}/resend`).expect(200);
    expect(resent.body).toMatchObject({ Status: 'delivered', NextAttemptAt: null });
    const resendAt = Date.parse(resent.body.AttemptLog.at(-1).StartedAt);

    await pause(RETRY_MS + 2500);
    const after = answersTo(path, eventId).slice(before);
    expect(after).toHaveLength(1);
    expect(after.filter(ok)).toHaveLength(1);
    const d = await h.delivery(deliveryId);
    expect(d.AttemptLog.map((a: Attempt) => [a.Trigger, a.Outcome])).toEqual([
      ['scheduled', 'http_status'],
      ['manual', 'delivered'],
    ]);
    expect(d.AttemptLog.filter((a: Attempt) => Date.parse(a.StartedAt) > resendAt)).toEqual([]);
    expect(d).toMatchObject({ Status: 'delivered', Attempts: 2, NextAttemptAt: null });
    // Gone from Redis, and the reconciler did not queue it again.
    expect(await queue.getJobState(deliveryId)).toBe('unknown');
  }

  it('Enreach: removes the delayed retry of a delivery a resend delivered', async () => {
    await resendAfterFailure('/enreach', enreachDelivery);
  }, 30_000);

  it('Landis: removes the delayed retry of a delivery a resend delivered', async () => {
    await resendAfterFailure('/landis', landisDelivery);
  }, 30_000);

  it('does not retry a scheduled attempt that was under way when the resend delivered, and fails it no further', async () => {
    // The first attempt is held 1.5 s and then fails; the resend goes out meanwhile and delivers.
    plans.set('/active', (i) => (i === 0 ? { status: 500, delayMs: 1500 } : { status: 200 }));
    const { deliveryId, eventId } = await enreachDelivery('/active');
    // (The receiver checks waitFor before it asks the responder, so this looks at its own record.)
    await receiver.waitFor((r) => r.requests.some((q) => q.path === '/active'), 10_000);
    expect(await queue.getJobState(deliveryId)).toBe('active');
    const resent = await h.api().post(`/api/deliveries/${deliveryId}/resend`).expect(200);
    expect(resent.body.Status).toBe('delivered');
    // Once the held attempt failed, its job ended at once: no retry was put in the delayed set.
    await h.waitForDelivery(deliveryId, (x) => x.AttemptLog.length === 2, 5000);
    let state = await queue.getJobState(deliveryId);
    for (let deadline = Date.now() + 1000; state === 'active' && Date.now() < deadline; state = await queue.getJobState(deliveryId)) await pause(20);
    expect(state).toBe('unknown');

    await pause(RETRY_MS + 2500);
    // The scheduled attempt under way went out (it could not be removed), but nothing after it.
    expect(answersTo('/active', eventId).map((a) => a.status)).toEqual([500, 200]);
    const d = await h.delivery(deliveryId);
    expect(d.AttemptLog.map((a: Attempt) => [a.Trigger, a.Outcome]).sort()).toEqual([
      ['manual', 'delivered'],
      ['scheduled', 'http_status'],
    ]);
    expect(d).toMatchObject({ Status: 'delivered', Attempts: 2, NextAttemptAt: null });
    expect(await queue.getJobState(deliveryId)).toBe('unknown');
  }, 30_000);

  it('keeps the schedule when the resend fails: the scheduled retry delivers', async () => {
    plans.set('/still-down', (i) => ({ status: i < 2 ? 503 : 200 }));
    const { deliveryId, eventId } = await enreachDelivery('/still-down');
    await h.waitForDelivery(deliveryId, (x) => x.Status === 'retrying', 10_000);
    const resent = await h.api().post(`/api/deliveries/${deliveryId}/resend`).expect(200);
    expect(resent.body).toMatchObject({ Status: 'retrying' });
    expect(await queue.getJobState(deliveryId)).toBe('delayed');
    const d = await h.waitForDelivery(deliveryId, (x) => x.Status === 'delivered', RETRY_MS + 5000);
    expect(d.AttemptLog.map((a: Attempt) => [a.Trigger, a.Outcome])).toEqual([
      ['scheduled', 'http_status'],
      ['manual', 'http_status'],
      ['scheduled', 'delivered'],
    ]);
    expect(answersTo('/still-down', eventId).map((a) => a.status)).toEqual([503, 503, 200]);
  }, 30_000);

  it('removes a parked scheduled job and its entry in the parked set', async () => {
    // A parked job is a delayed job with its id in its webhook's parked set (parked-jobs.ts).
    const deliveryId = randomUUID();
    const webhookId = randomUUID();
    await queue.add(JobName.Deliver, { deliveryId }, { jobId: deliveryId, delay: 60_000 });
    // A worker of its own that never takes a job: the app's would run the delayed one later.
    const connection = createRedis(app.config, { maxRetriesPerRequest: null });
    const worker = new Worker(QueueName.Deliveries, null, { autorun: false, connection, prefix: keyPrefix(app.config.redis.prefix) });
    try {
      const client = (await worker.client) as unknown as Redis;
      const parkedSet = worker.toKey(`parked:${webhookId}`);
      await client.zadd(parkedSet, Date.now(), deliveryId);
      const settled = new ResendSettled(worker, new ParkedJobs(worker));
      await settled.endSchedule(deliveryId, webhookId);
      expect(await queue.getJobState(deliveryId)).toBe('unknown');
      expect(await client.zscore(parkedSet, deliveryId)).toBeNull();
      expect(await settled.has(deliveryId)).toBe(true);
    } finally {
      await worker.close();
      await connection.quit();
    }
  });
});
