import { EVENT_TYPE_NAMES } from '../src/catalog/event-catalog';
import { DEMO } from '../src/organization/demo-organization';
import { checkSeedInvariants, type EventTypeContract, type Payload } from './support/seed-invariants';
import { startSimulationRig, type Delivered, type SimulationRig } from './support/simulation-driver';

const [anna, mikko, laura, jukka] = DEMO.users;

describe('the simulation covers all 34 types through its routes, keeping the seed invariants (HTTPS receiver on 127.0.0.1:443)', () => {
  let rig: SimulationRig;
  let h: SimulationRig['h'];
  let sim: SimulationRig['sim'];
  let contracts: EventTypeContract[];
  let hotline: string;

  beforeAll(async () => {
    rig = await startSimulationRig('/coverage');
    ({ h, sim } = rig);
    contracts = (await h.api().get('/api/event-types').expect(200)).body;
    // The organisation, set up through the API: users' own overflow targets, and a queue with no
    // agents that forwards to an external number.
    await h
      .api()
      .patch(`/api/users/${mikko.id}`)
      .send({ OverflowTarget: { Kind: 'queue', Target: DEMO.queues.service } })
      .expect(200);
    await h
      .api()
      .patch(`/api/users/${jukka.id}`)
      .send({ OverflowTarget: { Kind: 'number', Target: '+358409876543' } })
      .expect(200);
    hotline = (
      await h
        .api()
        .post('/api/queues')
        .send({ Name: 'Hotline', Number: '+358101231299', WrapUpSeconds: 0, MaxWaitSeconds: 30, OverflowTarget: { Kind: 'number', Target: '+358509999999' } })
        .expect(201)
    ).body.Id;
  });
  afterAll(() => rig?.close());

  const call = (body: Record<string, unknown>) => h.api().post('/api/calls').send(body).expect(201);
  const answer = { AgentAnswers: true, AnswerAfterSeconds: 2, TalkSeconds: 30 };

  /** Every command goes through the admin API; the virtual clock is advanced by hand. */
  async function coverageRun(reset: Record<string, unknown>): Promise<{ runId: string; got: Delivered[] }> {
    const mark = sim.mark();
    const { RunId } = await sim.reset(reset);
    await call({ Type: 'queue', Queue: 'Customer Service', Script: { ...answer, AgentAnswers: [false, true] } }); // cancelled, then answered; wrap-up
    await call({ Type: 'direct', User: mikko.userName, Script: { ...answer, AgentAnswers: false } }); // no answer: user overflow into Customer Service
    await call({ Type: 'outbound', User: jukka.id, Number: '+358501112233', Script: answer });
    await sim.advance(5);
    await h.api().post(`/api/users/${laura.id}/supervision`).send({ Target: jukka.id }).expect(202);
    await call({ Type: 'direct', User: jukka.id, Script: { TransferAnswers: false } }); // busy on busy: external, no answer
    await h.api().post(`/api/users/${laura.id}/availability`).send({ Availability: 'OffWork', Note: 'Gone home' }).expect(202);
    await h
      .api()
      .put(`/api/queues/${DEMO.queues.service}/attached-users`)
      .send({
        AttachedUsers: [
          { UserId: anna.id, Priority: 1 },
          { UserId: mikko.id, Priority: 2 },
        ],
      })
      .expect(200);
    await sim.advance(1);
    await call({ Type: 'queue', Queue: hotline, Script: { TransferAnswers: true } }); // no agents: external answers
    await call({ Type: 'queue', Queue: hotline, Script: { TransferAnswers: false } }); // ... does not answer
    for (let i = 0; i < 3; i++)
      await call({ Type: 'queue', Queue: DEMO.queues.service, Script: { AbandonAfterSeconds: 500, TalkSeconds: 200, AgentAnswers: true } });
    const created = await h.api().post(`/api/call-lists/${DEMO.callListId}/callbacks`).send({ ContactNumber: '+358401231234', TypeId: 3 }).expect(201);
    await sim.advance(1);
    await h.api().post(`/api/callbacks/${created.body.CallBackId}/assign`).send({ User: mikko.id }).expect(202);
    await sim.advance(900);
    await call({ Type: 'direct', User: anna.id, Script: answer }); // answered
    await sim.advance(120);
    return { runId: RunId, got: await sim.delivered(mark) };
  }

  let first: { runId: string; got: Delivered[] };

  it('reaches every one of the 34 event types, and the independent checker finds 0 violations in what the receiver got', async () => {
    first = await coverageRun({ Seed: 'coverage', StartTime: '2026-04-01T08:00:00Z', Paused: true });
    const payloads = first.got.map((d) => d.payload as Payload);
    expect([...new Set(payloads.map((p) => p.EventType))].sort()).toEqual([...EVENT_TYPE_NAMES].sort());
    expect(checkSeedInvariants(payloads, contracts)).toEqual([]);
    // Each arrival's header names its event; one organisation.
    expect(payloads.every((p) => p.RootEntityId === DEMO.organizationId)).toBe(true);
  });

  it('the checker is not blind: it finds what a broken stream breaks', () => {
    const payloads = first.got.map((d) => structuredClone(d.payload) as Payload);
    const calls = payloads.filter((p) => typeof p.CallId === 'string');
    const [a, b] = calls.filter((p) => p.CallId === calls[0].CallId);
    b.Timestamp = a.Timestamp;
    const terminated = payloads.find((p) => p.EventType === 'UserWrapUpTerminated')!;
    terminated.ElapsedTimeSec = 999;
    const status = payloads.find((p) => p.EventType === 'QueueStatus')!;
    status.NbrOfRequesters = (status.NbrOfRequesters as number) + 1;
    const availability = payloads.find((p) => p.EventType === 'UserAvailability')!;
    availability.Availability = 'Sleeping';
    payloads.push({ ...payloads[0], Note: 'changed' } as Payload);
    const found = checkSeedInvariants(payloads, contracts).join('\n');
    expect(found).toMatch(/share Timestamp/);
    expect(found).toMatch(/exceeds MaxWrapUpDurationSec/);
    expect(found).toMatch(/requesters != queuing/);
    expect(found).toMatch(/Availability "Sleeping" is not one of/);
    expect(found).toMatch(/two different bodies/);
  });

  it('two exact replays of the run deliver the same Ids with identical bodies', async () => {
    const bodies = (got: Delivered[]) => new Map(got.map((d) => [d.payload.Id, d.body]));
    const replays = [await coverageRun({ ReplayOf: first.runId }), await coverageRun({ ReplayOf: first.runId })];
    for (const replay of replays) {
      expect(replay.got.length).toBe(first.got.length);
      expect(bodies(replay.got)).toEqual(bodies(first.got));
    }
    expect((await sim.state()).RefusedEvents).toBe(0);
  });
});
