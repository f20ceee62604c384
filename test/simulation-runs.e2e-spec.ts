import { DEMO } from '../src/organization/demo-organization';
import type { HttpsReceiver } from './support/https-receiver';
import { startSimulationRig, type Delivered, type SimulationRig } from './support/simulation-driver';

const START = '2026-03-02T09:00:00Z';
const [anna] = DEMO.users;

describe('simulation runs: event Ids unique for ever, exact replays on request (HTTPS receiver on 127.0.0.1:443)', () => {
  let rig: SimulationRig;
  let receiver: HttpsReceiver;
  let h: SimulationRig['h'];
  let sim: SimulationRig['sim'];

  beforeAll(async () => {
    rig = await startSimulationRig('/runs');
    ({ receiver, h, sim } = rig);
  });
  afterAll(() => rig?.close());

  /** Anna goes off work, then gets a direct call; a second call goes to the service queue. */
  async function commands(offWork: boolean): Promise<void> {
    if (offWork) await h.api().post(`/api/users/${anna.id}/availability`).send({ Availability: 'OffWork' }).expect(202);
    await h
      .api()
      .post('/api/calls')
      .send({ Type: 'direct', User: anna.id, Script: { AnswerAfterSeconds: 2, TalkSeconds: 10, AgentAnswers: true } })
      .expect(201);
    await h
      .api()
      .post('/api/calls')
      .send({ Type: 'queue', Queue: DEMO.queues.sales, Script: { AnswerAfterSeconds: 3, TalkSeconds: 20, AgentAnswers: true } })
      .expect(201);
    await sim.advance(300);
  }

  async function run(reset: Record<string, unknown>, offWork: boolean): Promise<{ runId: string; got: Delivered[] }> {
    const mark = sim.mark();
    const { RunId } = await sim.reset(reset);
    await commands(offWork);
    return { runId: RunId, got: await sim.delivered(mark) };
  }

  const byId = (got: Delivered[]) => new Map(got.map((d) => [d.payload.Id, d.body]));

  let recorded: { runId: string; got: Delivered[] };

  it('a reset starts a new run: same seed and start, but no Id of an earlier run comes back', async () => {
    recorded = await run({ Seed: 7, StartTime: START, Paused: true }, true);
    const other = await run({ Seed: 7, StartTime: START, Paused: true }, false);
    expect(other.runId).not.toBe(recorded.runId);
    expect(recorded.got.length).toBeGreaterThan(10);
    const earlier = byId(recorded.got);
    expect(other.got.filter((d) => earlier.has(d.payload.Id))).toEqual([]);
    // Within one run every Id is one event.
    expect(new Set(other.got.map((d) => d.payload.Id)).size).toBe(other.got.length);
  });

  it("a reset starts from the organisation's configured state: an OffWork of the previous run is gone", async () => {
    const annaCall = (got: Delivered[]) => got.filter((d) => d.payload.UserId === anna.id && String(d.payload.EventType).startsWith('UserCallIn'));
    // In the recorded run Anna was off work: her direct call ended unanswered (480).
    expect(annaCall(recorded.got).map((d) => d.payload.EventType)).not.toContain('UserCallInUserConnected');
    const fresh = await run({ Seed: 7, StartTime: START, Paused: true }, false);
    expect(annaCall(fresh.got).map((d) => d.payload.EventType)).toEqual(
      expect.arrayContaining(['UserCallInComing', 'UserCallInUserAllocated', 'UserCallInUserConnected', 'UserCallInDisconnected']),
    );
  });

  it('ReplayOf a recorded run with the same commands delivers the same Ids with byte-identical bodies', async () => {
    const first = await run({ ReplayOf: recorded.runId }, true);
    const second = await run({ ReplayOf: recorded.runId }, true);
    expect(first.runId).toBe(recorded.runId);
    for (const replay of [first, second]) {
      expect(replay.got.length).toBe(recorded.got.length);
      expect(byId(replay.got)).toEqual(byId(recorded.got));
    }
    expect((await sim.state()).RefusedEvents).toBe(0);
  });

  it('a replay that strays from the recorded commands: the store refuses every Id with another body, the receiver never sees one', async () => {
    const strayed = await run({ ReplayOf: recorded.runId }, false);
    expect((await sim.state()).RefusedEvents).toBeGreaterThan(0);
    const bodies = new Map<string, Set<string>>();
    for (const r of receiver.requests.filter((q) => q.path === '/runs')) {
      const id = (r.json as { Id: string }).Id;
      bodies.set(id, (bodies.get(id) ?? new Set()).add(r.body));
    }
    expect([...bodies.entries()].filter(([, b]) => b.size > 1)).toEqual([]);
    // What the store holds for a refused Id is still the recorded run's body.
    const recordedBodies = byId(recorded.got);
    const sample = strayed.got.find((d) => recordedBodies.has(d.payload.Id))!;
    expect(sample).toBeDefined();
    const stored = (
      await h
        .api()
        .get('/api/events')
        .query({ callId: String(sample.payload.CallId), limit: 200 })
        .expect(200)
    ).body.Items as { Id: string; Payload: unknown }[];
    for (const e of stored) if (recordedBodies.has(e.Id)) expect(JSON.stringify(e.Payload)).toBe(recordedBodies.get(e.Id));
  });

  it("a replay starts from the recorded run's organisation, even after the configuration changed", async () => {
    await h.api().patch(`/api/queues/${DEMO.queues.sales}`).send({ WrapUpSeconds: 45 }).expect(200);
    const replay = await run({ ReplayOf: recorded.runId }, true);
    expect(byId(replay.got)).toEqual(byId(recorded.got));
    // A new run takes the configuration as it is now: the Sales agent's wrap-up maximum is 45 s.
    const fresh = await run({ Seed: 7, StartTime: START, Paused: true }, true);
    expect(fresh.got.find((d) => d.payload.EventType === 'UserWrapUpStarted' && d.payload.QueueId === DEMO.queues.sales)?.payload.MaxWrapUpDurationSec).toBe(
      45,
    );
  });

  it('refuses replays it cannot make exact, saying why', async () => {
    const both = await h.api().post('/api/simulation/reset').send({ ReplayOf: recorded.runId, Seed: 7 }).expect(400);
    expect(JSON.stringify(both.body)).toMatch(/leave out Seed/);
    await h.api().post('/api/simulation/reset').send({ ReplayOf: 'not-a-run' }).expect(400);
    const unknown = await h.api().post('/api/simulation/reset').send({ ReplayOf: '00000000-0000-4000-8000-000000000000' }).expect(404);
    expect(unknown.body.message.join('\n')).toMatch(/No recorded simulation run/);
    // An organisation change in the middle of a run continues as a new run that began mid-run.
    const before = (await sim.state()).RunId;
    await h.api().patch(`/api/queues/${DEMO.queues.vip}`).send({ WrapUpSeconds: 15 }).expect(200);
    let midRun = before;
    for (let i = 0; i < 100 && midRun === before; i++) {
      midRun = (await sim.state()).RunId;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(midRun).not.toBe(before);
    const refused = await h.api().post('/api/simulation/reset').send({ ReplayOf: midRun }).expect(409);
    expect(refused.body.message.join('\n')).toMatch(/began with an organisation change/);
  });
});
