import { startSimulationRig, type SimulationRig } from './support/simulation-driver';

/** An event Timestamp is a .NET DateTime: the virtual clock cannot go past the end of the year 9999. */
describe('the end of the virtual clock, 9999-12-31 (HTTPS receiver on 127.0.0.1:443)', () => {
  let rig: SimulationRig;
  let h: SimulationRig['h'];

  beforeAll(async () => {
    rig = await startSimulationRig('/clock-end');
    h = rig.h;
  });
  afterAll(() => rig?.close());

  it('refuses an advance past it with a 400 saying how far it may go, and plays everything before it', async () => {
    await rig.sim.reset({ Seed: 'end-1', StartTime: '9999-12-31T23:59:00Z', Paused: true });
    const mark = rig.sim.mark();
    await h
      .api()
      .post('/api/calls')
      .send({ Type: 'queue', Queue: 'Sales', Script: { AnswerAfterSeconds: 5, TalkSeconds: 20, AgentAnswers: true } })
      .expect(201);
    const tooFar = await h
      .api()
      .post('/api/simulation/advance')
      .send({ Seconds: 30 * 86400 });
    expect(tooFar.status).toBe(400);
    expect(tooFar.body.message).toEqual([
      'Seconds: the virtual clock ends at 9999-12-31T23:59:59.999Z (an event Timestamp cannot be later); at most 59 from 9999-12-31T23:59:00.000Z',
    ]);
    await rig.sim.advance(59);
    const got = await rig.sim.delivered(mark);
    expect(got.some((d) => d.payload.EventType === 'QueueCallInDisconnected')).toBe(true);
    expect(got.every((d) => d.payload.Timestamp.startsWith('9999-12-31T23:59:'))).toBe(true);
  });

  it('runs a scenario up to it: refuses calls planned past it, and ends one whose calls are still talking there', async () => {
    const plan = { Seed: 'end-2', TimeScale: 1000, CallsPerSecond: 1, DurationSeconds: 30, Mix: { Queue: 1 } };
    const refused = await h
      .api()
      .post('/api/scenarios')
      .send({ ...plan, StartTime: '9999-12-31T23:59:45Z' });
    expect(refused.status).toBe(400);
    expect(refused.body.message[0]).toMatch(/^StartTime: the calls would be placed past 9999-12-31T23:59:59.999Z/);

    const started = await h
      .api()
      .post('/api/scenarios')
      .send({ ...plan, StartTime: '9999-12-31T23:59:00Z', TalkSeconds: { Min: 600, Max: 600 } })
      .expect(201);
    const t0 = Date.now();
    let view: { Status: string; Error?: string; Report?: { Calls: { Placed: number }; Deliveries: { ByStatus: Record<string, number> } } };
    for (;;) {
      view = (await h.api().get(`/api/scenarios/${started.body.Id}`).expect(200)).body;
      if (!['running', 'draining'].includes(view.Status) || Date.now() - t0 > 30_000) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(view.Status).toBe('completed');
    expect(view.Error).toBeUndefined();
    expect(view.Report?.Calls.Placed).toBe(30);
    expect(Object.keys(view.Report?.Deliveries.ByStatus ?? {})).toEqual(['delivered']);
  });
});
