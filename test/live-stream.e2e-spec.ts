import { HttpsReceiver } from './support/https-receiver';
import { adminApi } from './support/api';
import { receiverUrl } from './support/receiver-host';
import { startTestApp, type TestApp } from './support/test-app';
import { until } from './support/until';
import { EmulatorProcess } from './support/worker-process';

interface Batch {
  Events: { Id: string; EventType: string }[];
  Deliveries: { Id: string; EventId: string; Status: string; Attempts: number }[];
  NewEvents: number;
  NewDeliveries: number;
}

/** Reads GET /api/stream (Server-Sent Events) and keeps every batch. */
async function openStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(`${url}/api/stream`, { headers, signal: controller.signal });
  const batches: Batch[] = [];
  const reading = (async () => {
    if (!res.ok || !res.body) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const message = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = message.split('\n').find((l) => l.startsWith('data:'));
          if (data) batches.push(JSON.parse(data.slice(5)) as Batch);
        }
      }
    } catch {
      // aborted at the end of the test
    }
  })();
  return {
    res,
    batches,
    close: async () => {
      controller.abort();
      await reading;
    },
  };
}

describe('live stream (ROLE=api, deliveries made by a separate worker process)', () => {
  let api: TestApp;
  let worker: EmulatorProcess;
  let receiver: HttpsReceiver;
  const KEY = 'stream-admin-key-0123456789';

  beforeAll(async () => {
    receiver = await HttpsReceiver.start({ port: 443 });
    api = await startTestApp({ ROLE: 'api', ADMIN_API_KEY: KEY, RETRY_SCHEDULE: '200ms', RETRY_JITTER: '0' });
    worker = EmulatorProcess.start({
      ROLE: 'worker',
      LOG_LEVEL: 'log',
      DATABASE_URL: api.infra.databaseUrl,
      REDIS_URL: api.infra.redisUrl,
      REDIS_PREFIX: api.infra.redisPrefix,
      RETRY_SCHEDULE: '200ms',
      RETRY_JITTER: '0',
      ADMIN_API_KEY: KEY,
    });
    await worker.waitForLog('ROLE=worker');
  }, 60_000);
  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await api?.close();
    await receiver?.close();
  });

  it('needs the admin key; the console page and its scripts do not', async () => {
    expect((await fetch(`${api.url}/api/stream`)).status).toBe(401);
    const page = await fetch(`${api.url}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/console/app.js');
    const script = await fetch(`${api.url}/console/app.js`);
    expect(script.status).toBe(200);
    expect((await fetch(`${api.url}/console/vendor/preact.mjs`)).headers.get('content-type')).toContain('javascript');
    expect((await fetch(`${api.url}/console/..%2Fconsole.module.ts`)).status).toBe(404);
    expect((await fetch(`${api.url}/console/vendor/fs.mjs`)).status).toBe(404);
  });

  it('sends new events and deliveries, and each status change the worker records, in batches', async () => {
    const stream = await openStream(api.url!, { 'x-admin-key': KEY });
    expect(stream.res.headers.get('content-type')).toContain('text/event-stream');
    const h = adminApi(api);
    const auth = { 'x-admin-key': KEY };
    const created = await h
      .api()
      .post('/api/webhooks')
      .set(auth)
      .send({ Webhook: { Endpoint: receiverUrl('/stream'), InsecureSSL: true }, Subscriptions: [{ EventType: 'UserStatus', AllEntities: true }] })
      .expect(201);
    // The first event to arrive is answered 500, then 200: the stream shows its delivery unfinished,
    // then delivered. The stream reads every 300 ms, so the 200 waits until it has shown the
    // delivery once; otherwise a quick retry could end it between two reads.
    let failedId = '';
    const deliveries = () => stream.batches.flatMap((b) => b.Deliveries).filter((d) => d.EventId === failedId);
    receiver.respondWith(async (req, index) => {
      const id = (req.json as { Id: string }).Id;
      if (index === 0) failedId = id;
      else if (id === failedId) await until(() => deliveries().length > 0, 'the stream to show the failed delivery');
      return { status: index === 0 ? 500 : 200 };
    });
    const emitted = (await h.api().post('/api/events').set(auth).send({ EventType: 'UserStatus' }).expect(201)).body as { Payload: { Id: string } };
    const many = await Promise.all(Array.from({ length: 40 }, () => h.api().post('/api/events').set(auth).send({ EventType: 'UserStatus' }).expect(201)));

    await until(() => deliveries().some((d) => d.Status === 'delivered'), 'the delivery to show as delivered');
    expect(deliveries()[0].Status).toMatch(/pending|retrying/);
    expect(deliveries().at(-1)).toMatchObject({ Status: 'delivered', Attempts: 2 });
    const ids = [emitted.Payload.Id, ...many.map((r) => (r.body as { Payload: { Id: string } }).Payload.Id)];
    await until(() => stream.batches.flatMap((b) => b.Events.map((e) => e.Id)).length >= ids.length, 'all events in the stream');
    const streamed = stream.batches.flatMap((b) => b.Events.map((e) => e.Id));
    expect(new Set(streamed)).toEqual(new Set(ids));
    expect(streamed).toHaveLength(ids.length); // each event once, however the reads overlap
    // 41 events in well under a second arrive in a few batches, not one message each.
    expect(stream.batches.length).toBeLessThan(30);
    await stream.close();
    await h
      .api()
      .delete(`/api/webhooks/${(created.body as { Id: string }).Id}`)
      .set(auth)
      .expect(204);
  }, 60_000);
});
