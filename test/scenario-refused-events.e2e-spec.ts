import { DataSource } from 'typeorm';
import { DEMO } from '../src/organization/demo-organization';
import type { ResponsePlan } from './support/https-receiver';
import { receiverUrl } from './support/receiver-host';
import { startSimulationRig, type SimulationRig } from './support/simulation-driver';

interface View {
  Id: string;
  Status: string;
  Error?: string;
  Report?: { Events: { Total: number; Refused?: number }; Deliveries: { Total: number; ByStatus: Record<string, number> } };
}

/** One plan, twice: the same Ids are drawn, but SmartRouting sends the second run's calls elsewhere. */
const PLAN = {
  Seed: 'refused-1',
  TimeScale: 1000,
  StartTime: '2026-05-04T09:00:00Z',
  CallsPerSecond: 0.5,
  DurationSeconds: 10,
  Mix: { Queue: 1 },
  Queues: [DEMO.queues.service],
  TalkSeconds: { Min: 5, Max: 6 },
};

describe('a scenario whose plan repeats an earlier run but goes otherwise (HTTPS receiver on 127.0.0.1:443)', () => {
  let rig: SimulationRig;
  let smartRouting: ResponsePlan = { status: 204 };

  beforeAll(async () => {
    rig = await startSimulationRig('/refused', (req) => (req.path === '/sr' ? smartRouting : { status: 200 }));
    await rig.h
      .api()
      .put(`/api/queues/${DEMO.queues.service}/smart-routing`)
      .send({ Endpoint: receiverUrl('/sr'), InsecureSSL: true, ApiKey: 'refused-key' })
      .expect(200);
  });
  afterAll(() => rig?.close());

  async function run(): Promise<View> {
    const started = await rig.h.api().post('/api/scenarios').send(PLAN).expect(201);
    const t0 = Date.now();
    for (;;) {
      const v = (await rig.h.api().get(`/api/scenarios/${started.body.Id}`).expect(200)).body as View;
      if (!['running', 'draining'].includes(v.Status)) return v;
      if (Date.now() - t0 > 30_000) throw new Error(`scenario still ${v.Status} after 30 s`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('ends once its accepted deliveries have (not after the 10-minute drain limit), and reports the refused events', async () => {
    const first = await run();
    expect(first.Status).toBe('completed');
    expect(first.Report?.Events.Refused).toBe(0);

    smartRouting = { status: 200, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ InitialTarget: DEMO.queues.vip }) };
    const second = await run();
    expect(second.Status).toBe('completed');
    const report = second.Report!;
    expect(report.Events.Refused).toBeGreaterThan(0);
    expect(second.Error).toMatch(new RegExp(`^${report.Events.Refused} events were refused`));
    // What was accepted was delivered, and the figures match the rows.
    expect(report.Deliveries.ByStatus).toEqual({ delivered: report.Events.Total });
    const db = rig.app.context.get(DataSource);
    const [rows] = (await db.query(`SELECT count(*)::int AS n FROM deliveries WHERE scenario_id = $1`, [second.Id])) as { n: number }[];
    expect(rows.n).toBe(report.Deliveries.Total);
    // The receiver never saw one Id with two bodies.
    const bodies = new Map<string, Set<string>>();
    for (const r of rig.receiver.requests.filter((q) => q.path === '/refused')) {
      const id = (r.json as { Id: string }).Id;
      bodies.set(id, (bodies.get(id) ?? new Set()).add(r.body));
    }
    expect([...bodies.values()].filter((b) => b.size > 1)).toEqual([]);
  });
});
