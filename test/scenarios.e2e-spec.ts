import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { EVENT_TYPE_NAMES } from '../src/catalog/event-catalog';
import { adminApi } from './support/api';
import { HttpsReceiver } from './support/https-receiver';
import { startTestApp, type TestApp } from './support/test-app';
import { receiverUrl } from './support/receiver-host';

type Payload = Record<string, unknown> & { Id: string; EventType: string };
interface View {
  Id: string;
  Status: string;
  Progress: { CallsPlanned: number; CallsPlaced: number; CallsFailed: number };
  Report?: {
    Calls: Record<string, number>;
    Events: { Total: number; ByType: Record<string, number>; Fingerprint: string };
    Deliveries: { Total: number; ByStatus: Record<string, number>; AttemptsHistogram: Record<string, number> };
    LatencyMs: { P50: number } | null;
    Retry: { Duplicated: string[]; OutOfOrder: string[] };
  };
}

const START = '2026-02-01T09:00:00Z';

describe('scenarios (seeded load and retry runs through the simulation; HTTPS receiver on 127.0.0.1:443)', () => {
  let app: TestApp;
  let receiver: HttpsReceiver;
  let h: ReturnType<typeof adminApi>;
  let db: DataSource;

  beforeAll(async () => {
    receiver = await HttpsReceiver.start({ port: 443 });
    app = await startTestApp({ DEMO_ORGANIZATION: 'true' });
    h = adminApi(app);
    db = app.context.get(DataSource);
    await h.createWebhook(
      { Endpoint: receiverUrl('/scenario'), InsecureSSL: true },
      EVENT_TYPE_NAMES.map((EventType) => ({ EventType, AllEntities: true })),
    );
  });
  afterAll(async () => {
    await app?.close();
    await receiver?.close();
  });
  beforeEach(() => {
    receiver.reset();
    receiver.respondWith(() => ({ status: 200 }));
  });

  async function start(body: Record<string, unknown>): Promise<View> {
    const res = await h.api().post('/api/scenarios').send(body);
    if (res.status !== 201) throw new Error(`start: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as View;
  }

  async function finished(id: string, timeoutMs = 30_000): Promise<View> {
    const started = Date.now();
    for (;;) {
      const v = (await h.api().get(`/api/scenarios/${id}`).expect(200)).body as View;
      if (!['running', 'draining'].includes(v.Status)) return v;
      if (Date.now() - started > timeoutMs) throw new Error(`scenario ${id} still ${v.Status}: ${JSON.stringify(v.Progress)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const eventIds = async (id: string): Promise<string[]> =>
    ((await db.query('SELECT id FROM events WHERE scenario_id = $1 ORDER BY id', [id])) as { id: string }[]).map((r) => r.id);

  it('replays a seeded scenario: the same events (ids and order) and the same report counts', async () => {
    const body = {
      Seed: 7,
      TimeScale: 1000,
      StartTime: START,
      CallsPerSecond: 0.5,
      DurationSeconds: 20,
      TalkSeconds: { Min: 5, Max: 10 },
      Mix: { Queue: 2, Direct: 1, Outbound: 1 },
    };
    const first = await finished((await start(body)).Id);
    const firstIds = await eventIds(first.Id);
    const second = await finished((await start(body)).Id);
    expect(first.Status).toBe('completed');
    expect(second.Status).toBe('completed');
    expect(first.Report!.Calls).toEqual({ Planned: 10, Placed: 10, Failed: 0 });
    expect(first.Report!.Events.Total).toBeGreaterThan(20);
    expect(await eventIds(second.Id)).toEqual(firstIds);
    // The fingerprint hashes the Ids in emission order.
    expect(second.Report!.Events.Fingerprint).toBe(first.Report!.Events.Fingerprint);
    expect(second.Report!.Events).toEqual(first.Report!.Events);
    expect(second.Report!.Deliveries).toEqual(first.Report!.Deliveries);
    expect(first.Report!.Deliveries.ByStatus).toEqual({ delivered: first.Report!.Events.Total });
    expect(first.Report!.LatencyMs!.P50).toBeGreaterThan(0);
    const list = (await h.api().get('/api/scenarios').expect(200)).body as View[];
    expect(list.map((v) => v.Id).slice(0, 2)).toEqual([second.Id, first.Id]);
  });

  it('duplicates and holds back the events the report names, as the receiver sees them', async () => {
    const v = await finished(
      (
        await start({
          Seed: 11,
          TimeScale: 200,
          CallsPerSecond: 0.5,
          DurationSeconds: 10,
          Mix: { Queue: 1 },
          Retry: { DuplicateRate: 0.3, OutOfOrderRate: 0.3, HoldBackSeconds: 1 },
        })
      ).Id,
    );
    const { Duplicated, OutOfOrder } = v.Report!.Retry;
    expect(Duplicated.length).toBeGreaterThan(0);
    expect(OutOfOrder.length).toBeGreaterThan(0);
    expect(v.Report!.Deliveries.Total).toBe(v.Report!.Events.Total + Duplicated.length);
    const ids = await eventIds(v.Id);
    const arrivals = receiver.requests.map((q) => (q.json as Payload).Id);
    for (const id of ids) {
      const copies = receiver.requests.filter((q) => (q.json as Payload).Id === id);
      expect(copies.length).toBe(Duplicated.includes(id) ? 2 : 1);
      expect(new Set(copies.map((c) => c.body)).size).toBe(1);
    }
    // Emission order from the database; a held-back event arrives after events emitted later than it.
    const order = ((await db.query('SELECT id FROM events WHERE scenario_id = $1 ORDER BY created_at, occurred_at', [v.Id])) as { id: string }[]).map(
      (r) => r.id,
    );
    let overtaken = 0;
    for (const id of OutOfOrder) {
      const later = order.slice(order.indexOf(id) + 1).filter((x) => !OutOfOrder.includes(x));
      if (later.length === 0) continue;
      expect(later.some((x) => arrivals.indexOf(x) < arrivals.indexOf(id))).toBe(true);
      overtaken++;
    }
    expect(overtaken).toBeGreaterThan(0);
  });

  it("applies the scenario's compressed retry schedule to its deliveries", async () => {
    const seen = new Set<string>();
    receiver.respondWith((req) => {
      const id = (req.json as Payload).Id;
      if (seen.has(id)) return { status: 200 };
      seen.add(id);
      return { status: 503 };
    });
    // The configured schedule is 10s,1m,5m: only the scenario's 100ms wait lets this finish in time.
    const v = await finished(
      (await start({ Seed: 5, TimeScale: 500, CallsPerSecond: 0.5, DurationSeconds: 4, Mix: { Queue: 1 }, Retry: { Schedule: '100ms' } })).Id,
    );
    expect(v.Report!.Deliveries.ByStatus).toEqual({ delivered: v.Report!.Events.Total });
    expect(v.Report!.Deliveries.AttemptsHistogram).toEqual({ 2: v.Report!.Events.Total });
  });

  it('stops a scenario: no new calls, a report of what ran; /metrics shows the progress', async () => {
    const started = await start({ Seed: 3, TimeScale: 20, CallsPerSecond: 1, DurationSeconds: 3600, Mix: { Queue: 1 } });
    let v: View = started;
    for (let i = 0; i < 100 && v.Progress.CallsPlaced < 2; i++) {
      await new Promise((r) => setTimeout(r, 50));
      v = (await h.api().get(`/api/scenarios/${started.Id}`).expect(200)).body as View;
    }
    expect(v.Progress.CallsPlaced).toBeGreaterThanOrEqual(2);
    const metrics = (await h.api().get('/metrics').expect(200)).text;
    const line = metrics.split('\n').find((l) => l.startsWith(`emulator_scenario_progress{scenario_id="${started.Id}"}`));
    expect(Number(line?.split(' ').pop())).toBeGreaterThan(0);
    await h.api().post('/api/scenarios').send({ Seed: 1, DurationSeconds: 1, CallsPerSecond: 1 }).expect(409);
    const stopped = (await h.api().delete(`/api/scenarios/${started.Id}`).expect(202)).body as View;
    const final = await finished(started.Id);
    expect(final.Status).toBe('stopped');
    expect(final.Progress.CallsPlaced).toBeLessThanOrEqual(stopped.Progress.CallsPlaced + 1);
    expect(final.Progress.CallsPlaced).toBeLessThan(final.Progress.CallsPlanned);
    await new Promise((r) => setTimeout(r, 300));
    const later = (await h.api().get(`/api/scenarios/${started.Id}`).expect(200)).body as View;
    expect(later.Progress.CallsPlaced).toBe(final.Progress.CallsPlaced);
    await h.api().delete(`/api/scenarios/${started.Id}`).expect(409);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const message = async (body: Record<string, unknown>) => JSON.stringify((await h.api().post('/api/scenarios').send(body).expect(400)).body.message);
    expect(await message({ Seed: 1, CallsPerSecond: 1 })).toContain('DurationSeconds');
    expect(await message({ Seed: 1, DurationSeconds: 10, CallsPerSecond: 1, Retry: { DuplicateRate: 2 } })).toContain('Retry.DuplicateRate');
    expect(await message({ Seed: 1, DurationSeconds: 10, CallsPerSecond: 1, Queues: ['no-such-queue'] })).toContain('Queues[0]');
    expect(await message({ Seed: 1, DurationSeconds: 10, Pattern: 'ramp' })).toContain('From');
    expect(await message({ Seed: 1, DurationSeconds: 10, CallsPerSecond: 1, Retry: { Schedule: 'soon' } })).toContain('Retry.Schedule');
  });

  it('runs as fast as possible: two virtual hours of calls complete unpaced, every event delivered, and the clock stops after', async () => {
    // At TimeScale 1 this run would take two hours: completing within the test's time shows it is not paced.
    const body = {
      Seed: 'flat-out',
      AsFastAsPossible: true,
      StartTime: START,
      CallsPerSecond: 0.05,
      DurationSeconds: 7200,
      TalkSeconds: { Min: 60, Max: 600 },
    };
    const view = await finished((await start(body)).Id, 60_000);
    expect(view.Status).toBe('completed');
    expect(view.Report!.Calls).toEqual({ Planned: 360, Placed: 360, Failed: 0 });
    expect(view.Report!.Events.Total).toBeGreaterThan(1000);
    expect(view.Report!.Deliveries.ByStatus).toEqual({ delivered: view.Report!.Events.Total });
    expect(await eventIds(view.Id)).toHaveLength(view.Report!.Events.Total);
    await receiver.waitForCount(view.Report!.Events.Total, 10_000);
    const ids = receiver.requests.map((r) => (r.json as Payload).Id);
    expect(new Set(ids).size).toBe(ids.length);
    // Unpaced, the run ends with the clock paused, so nothing races through the timers left set.
    const state = (await h.api().get('/api/simulation').expect(200)).body as { Paused: boolean; AsFastAsPossible: boolean; Now: string };
    expect(state).toMatchObject({ Paused: true, AsFastAsPossible: true });
    expect(Date.parse(state.Now)).toBeGreaterThan(Date.parse(START) + 7200_000);

    const both = await h
      .api()
      .post('/api/scenarios')
      .send({ ...body, TimeScale: 10 })
      .expect(400);
    expect(JSON.stringify(both.body.message)).toContain('TimeScale');
    const notBoolean = await h
      .api()
      .post('/api/scenarios')
      .send({ ...body, AsFastAsPossible: 'yes' })
      .expect(400);
    expect(JSON.stringify(notBoolean.body.message)).toContain('AsFastAsPossible');
  }, 90_000);

  function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(
        process.execPath,
        [require.resolve('ts-node/dist/bin.js'), '--transpile-only', join(__dirname, '../src/cli/main.ts'), 'scenario', ...args],
        {
          env: { ...process.env, ADMIN_API_KEY: '' },
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += String(d)));
      child.stderr.on('data', (d) => (stderr += String(d)));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  it('runs from the CLI: JSON report and exit status 0, 1 when deliveries were discarded, 2 on bad arguments', async () => {
    const ok = await cli(['--seed', '9', '--calls-per-second', '1', '--duration', '3', '--time-scale', '500', '--json', '--url', app.url!]);
    expect(ok.stderr).not.toMatch(/Error/);
    expect(ok.code).toBe(0);
    const view = JSON.parse(ok.stdout) as View;
    expect(view.Status).toBe('completed');
    expect(view.Report!.Deliveries.ByStatus.delivered).toBe(view.Report!.Events.Total);

    receiver.respondWith(() => ({ status: 500 }));
    const failing = await cli(['--seed', '9', '--duration', '2', '--time-scale', '500', '--retry-schedule', '50ms', '--url', app.url!]);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('discarded');

    receiver.respondWith(() => ({ status: 200 }));
    const unpaced = await cli(['--seed', '9', '--calls-per-second', '0.02', '--duration', '3600', '--as-fast-as-possible', '--json', '--url', app.url!]);
    expect(unpaced.code).toBe(0);
    expect((JSON.parse(unpaced.stdout) as View).Status).toBe('completed');
    expect((await cli(['--seed', '9', '--duration', '2', '--time-scale', '5', '--as-fast-as-possible', '--url', app.url!])).code).toBe(2);

    expect((await cli(['--duration', '2', '--url', app.url!])).code).toBe(2);
    expect((await cli(['--seed', '1', '--duration', 'soon', '--url', app.url!])).code).toBe(2);
    const refused = await cli(['--seed', '1', '--duration', '5', '--duplicate-rate', '3', '--url', app.url!]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('Retry.DuplicateRate');
  }, 60_000);

  it('starts the next scenario while a stopped one still drains its deliveries (retrying for an hour), instead of a 409 until the drain limit', async () => {
    receiver.respondWith(() => ({ status: 500 }));
    const body = { Seed: 'drain-1', TimeScale: 1000, StartTime: START, CallsPerSecond: 0.5, DurationSeconds: 600, Mix: { Queue: 1 } };
    const first = await start({ ...body, Retry: { Schedule: '1h' } });
    let v: View & { Progress: { Deliveries?: Record<string, number> } } = first;
    for (let i = 0; i < 200 && !(v.Progress.Deliveries?.retrying ?? 0); i++) {
      await new Promise((r) => setTimeout(r, 50));
      v = (await h.api().get(`/api/scenarios/${first.Id}`).expect(200)).body;
    }
    expect(v.Progress.Deliveries?.retrying).toBeGreaterThan(0);
    expect(((await h.api().delete(`/api/scenarios/${first.Id}`).expect(202)).body as View).Status).toBe('draining');

    receiver.respondWith(() => ({ status: 200 }));
    const second = await start({ ...body, Seed: 'drain-2', DurationSeconds: 10 });
    expect((await finished(second.Id)).Status).toBe('completed');
    expect(((await h.api().get(`/api/scenarios/${first.Id}`).expect(200)).body as View).Status).toBe('draining');
  });
});
