import { freePort } from '../src/common/free-port';
import { adminApi } from './support/api';
import { HttpsReceiver } from './support/https-receiver';
import { sample } from './support/prometheus';
import { receiverUrl } from './support/receiver-host';
import { startTestApp, type TestApp } from './support/test-app';
import { EmulatorProcess } from './support/worker-process';

/** A ROLE=worker process has no admin API, yet its attempts, discards and latencies can be scraped. */
describe('metrics of a ROLE=worker process', () => {
  let api: TestApp;
  let receiver: HttpsReceiver;
  let worker: EmulatorProcess;
  let metricsUrl: string;
  let h: ReturnType<typeof adminApi>;

  beforeAll(async () => {
    receiver = await HttpsReceiver.start({ port: 443 });
    // Every request to /failing gets a 500, so that webhook's deliveries retry and are discarded.
    receiver.respondWith((req) => ({ status: req.path === '/failing' ? 500 : 200 }));
    // The publishing process sets a job's attempts, the worker its waits: both get the schedule.
    api = await startTestApp({ ROLE: 'api', RETRY_SCHEDULE: '100ms,100ms' });
    h = adminApi(api);
    const port = await freePort();
    metricsUrl = `http://127.0.0.1:${port}/metrics`;
    worker = EmulatorProcess.start({
      ROLE: 'worker',
      LOG_LEVEL: 'log',
      METRICS_PORT: String(port),
      DATABASE_URL: api.infra.databaseUrl,
      REDIS_URL: api.infra.redisUrl,
      REDIS_PREFIX: api.infra.redisPrefix,
      RETRY_SCHEDULE: '100ms,100ms',
    });
    await worker.waitForLog(`metrics on ${metricsUrl}`);
  });
  afterAll(async () => {
    await worker?.kill('SIGTERM');
    await api?.close();
    await receiver?.close();
  });

  const scrape = async (): Promise<string> => {
    const res = await fetch(metricsUrl);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };
  /** Scrapes until `done` holds: the worker counts an attempt just after it logs it. */
  const scrapeUntil = async (done: (text: string) => boolean, timeoutMs = 20_000): Promise<string> => {
    const started = Date.now();
    for (;;) {
      const text = await scrape();
      if (done(text)) return text;
      if (Date.now() - started > timeoutMs) throw new Error(`metrics did not reach the expected state:\n${text}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  it('shows attempts, latency and discards per webhook, event-to-delivered latency and process metrics; a deleted webhook leaves no series', async () => {
    const ok = await h.createWebhook({ Endpoint: receiverUrl('/ok'), InsecureSSL: true }, [{ EventType: 'QueueStatus', AllEntities: true }]);
    const failing = await h.createWebhook({ Endpoint: receiverUrl('/failing'), InsecureSSL: true }, [{ EventType: 'QueueStatus', AllEntities: true }]);
    const emitted = [];
    for (let i = 0; i < 3; i++) emitted.push(await h.emit({ EventType: 'QueueStatus' }));
    for (const { Deliveries } of emitted) {
      for (const d of Deliveries) await h.waitForDelivery(d.Id, (x) => x.Status === 'delivered' || x.Status === 'discarded', 20_000);
    }

    const okId = `webhook_id="${ok.Id}"`;
    const failingId = `webhook_id="${failing.Id}"`;
    const text = await scrapeUntil(
      (t) => sample(t, 'emulator_deliveries_discarded_total', failingId) === 3 && sample(t, 'emulator_delivery_attempts_total', okId) === 3,
    );
    expect(sample(text, 'emulator_delivery_attempts_total', okId, 'outcome="delivered"')).toBe(3);
    // Three attempts each (RETRY_SCHEDULE has two waits), every one answered 500.
    expect(sample(text, 'emulator_delivery_attempts_total', failingId, 'outcome="http_status"')).toBe(9);
    expect(sample(text, 'emulator_delivery_attempt_duration_seconds_count', okId)).toBe(3);
    expect(sample(text, 'emulator_delivery_attempt_duration_seconds_count', failingId)).toBe(9);
    expect(Number(/^emulator_event_to_delivered_seconds_count (\d+)$/m.exec(text)?.[1])).toBe(3);
    expect(text).toMatch(/^emulator_delivery_jobs\{state="waiting"\} 0$/m);
    expect(text).toMatch(/^process_resident_memory_bytes \d+/m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds \d/m);

    // The API process records no attempts of its own: the worker's endpoint is where they are.
    const apiText = (await h.api().get('/metrics').expect(200)).text;
    expect(sample(apiText, 'emulator_delivery_attempts_total', okId)).toBe(0);

    await h.api().delete(`/api/webhooks/${failing.Id}`).expect(204);
    const after = await scrapeUntil((t) => !t.includes(failingId));
    expect(sample(after, 'emulator_delivery_attempts_total', okId, 'outcome="delivered"')).toBe(3);
  }, 90_000);

  it('answers 404 for anything but GET /metrics', async () => {
    const res = await fetch(metricsUrl.replace('/metrics', '/health'));
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Only GET /metrics');
  });
});
