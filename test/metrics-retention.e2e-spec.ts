import dashboard from '../deploy/grafana/dashboard.json';
import { RetentionService } from '../src/retention/retention.service';
import { adminApi } from './support/api';
import { HttpsReceiver } from './support/https-receiver';
import { sample } from './support/prometheus';
import { startTestApp, type TestApp } from './support/test-app';
import { receiverUrl } from './support/receiver-host';

describe('metrics and retention', () => {
  let app: TestApp;
  let receiver: HttpsReceiver;
  let h: ReturnType<typeof adminApi>;

  beforeAll(async () => {
    receiver = await HttpsReceiver.start({ port: 443 });
    app = await startTestApp({ RETRY_SCHEDULE: '100ms' });
    h = adminApi(app);
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });

  it('exposes Prometheus series that move as events are delivered', async () => {
    const before = (await h.api().get('/metrics').expect(200)).text;
    const w = await h.createWebhook({ Endpoint: receiverUrl('/metrics'), InsecureSSL: true }, [{ EventType: 'UserStatus', AllEntities: true }]);
    const { Deliveries } = await h.emit({ EventType: 'UserStatus' });
    await h.waitForDelivery(Deliveries[0].Id, (d) => d.Status === 'delivered');
    await new Promise((r) => setTimeout(r, 100));
    const after = (await h.api().get('/metrics').expect(200)).text;
    expect(sample(after, 'emulator_events_emitted_total', 'event_type="UserStatus"')).toBe(
      sample(before, 'emulator_events_emitted_total', 'event_type="UserStatus"') + 1,
    );
    const webhook = `webhook_id="${w.Id}"`;
    expect(sample(after, 'emulator_delivery_attempts_total', webhook, 'outcome="delivered"')).toBe(1);
    expect(sample(after, 'emulator_delivery_attempt_duration_seconds_count', webhook)).toBe(1);
    expect(Number(/^emulator_event_to_delivered_seconds_count (\d+)$/m.exec(after)?.[1])).toBeGreaterThan(
      Number(/^emulator_event_to_delivered_seconds_count (\d+)$/m.exec(before)?.[1] ?? 0),
    );
    expect(after).toMatch(/emulator_delivery_jobs\{state="waiting"\} \d+/);
    expect(after).toMatch(/^process_cpu_user_seconds_total \d/m);
    expect(after).toMatch(/^nodejs_eventloop_lag_seconds \d/m);
    await h.api().patch(`/api/webhooks/${w.Id}`).send({ IsActive: false }).expect(200);
  });

  it('has every series the Grafana dashboard queries (deploy/grafana/dashboard.json)', async () => {
    const text = (await h.api().get('/metrics').expect(200)).text;
    const queried = new Set(
      dashboard.panels.flatMap((p) => p.targets.flatMap((t) => [...t.expr.matchAll(/\b((?:emulator|process|nodejs)_[a-z0-9_]+)/g)].map((m) => m[1]))),
    );
    const exported = (name: string) => text.includes(`# TYPE ${name.replace(/_bucket$/, '')} `);
    expect([...queried].filter((name) => !exported(name))).toEqual([]);
    expect(queried.size).toBeGreaterThanOrEqual(9);
  });

  it('purges old finished events, deliveries and attempts, and keeps unfinished ones', async () => {
    const finished = await h.createWebhook({ Endpoint: receiverUrl('/retained'), InsecureSSL: true }, [{ EventType: 'QueueStatus', AllEntities: true }]);
    const done = await h.emit({ EventType: 'QueueStatus' });
    await h.waitForDelivery(done.Deliveries[0].Id, (d) => d.Status === 'delivered');
    await h.api().patch(`/api/webhooks/${finished.Id}`).send({ IsActive: false }).expect(200);
    // An unfinished delivery: its receiver hangs until the purge has run.
    receiver.respondWith((req) => (req.path === '/slow-retained' ? { hang: true } : { status: 200 }));
    await h.createWebhook({ Endpoint: receiverUrl('/slow-retained'), InsecureSSL: true }, [{ EventType: 'CallbackListStatus', AllEntities: true }]);
    const pending = await h.emit({ EventType: 'CallbackListStatus' });

    const purged = await app.context.get(RetentionService).purgeOlderThan(new Date(Date.now() + 60_000));
    expect(purged.attempts).toBeGreaterThan(0);
    expect(purged.deliveries).toBeGreaterThan(0);
    await h.api().get(`/api/deliveries/${done.Deliveries[0].Id}`).expect(404);
    const events = (await h.api().get('/api/events').query({ limit: 1000 }).expect(200)).body.Items.map((e: { Id: string }) => e.Id);
    expect(events).not.toContain(done.Payload.Id);
    expect(events).toContain(pending.Payload.Id);
    await h.api().get(`/api/deliveries/${pending.Deliveries[0].Id}`).expect(200);
  });
});
