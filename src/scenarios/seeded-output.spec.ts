import { createHash } from 'node:crypto';
import { planCalls } from './call-plan';
import { toScenarioOptions } from './scenario-options';
import type { CreateScenarioDto } from './dto/create-scenario.dto';
import { collectingLandis, createHarness, fakeHook, IDS, MAIN_MENU_NUMBER, organizationData } from '../simulation/engine/simulation.fixture';

/**
 * Pins the bytes a seeded run emits. The hashes were taken before the engine's hot path was made
 * faster (event building, validation, timestamps): a change there must not alter one byte of any
 * payload or Landis record. A deliberate change of the output updates them, and says so.
 */
const sha256 = (items: readonly unknown[]): string => {
  const hash = createHash('sha256');
  for (const item of items) hash.update(`${JSON.stringify(item)}\n`);
  return hash.digest('hex');
};

describe('seeded output', () => {
  it('two hours of a scenario mix (queue, direct, outbound, callbacks) give the same bytes as before', async () => {
    const landis = collectingLandis();
    const h = createHarness({ seed: 'pinned-day', landis });
    const data = organizationData();
    const dto = { Seed: 'pinned-day', StartTime: '2024-03-01T09:00:00Z', DurationSeconds: 7200, CallsPerSecond: 0.05 } as CreateScenarioDto;
    const plan = planCalls(toScenarioOptions(dto), {
      queues: data.queues.map((q) => q.id),
      users: data.users.map((u) => u.id),
      callLists: data.callLists.map((l) => l.id),
    });
    const startMs = h.scheduler.nowMs();
    for (const call of plan) {
      h.scheduler.scheduleAt(startMs + call.atMs, () => {
        if (call.kind === 'queue') h.sim.placeQueueCall(call.target, call.script);
        else if (call.kind === 'direct') h.sim.placeDirectCall(call.target, call.script);
        else if (call.kind === 'outbound') h.sim.placeOutboundCall(call.target, call.number ?? '', call.script);
        else h.sim.createCallback(call.target, { contactNumber: call.number ?? '' });
      });
    }
    await h.scheduler.advanceBy(3 * 3600_000);
    expect(plan.length).toBeGreaterThan(300);
    expect(h.events.length).toBeGreaterThan(3000);
    expect({ events: h.events.length, hash: sha256(h.events), landis: sha256(landis.records) }).toEqual(PINNED_DAY);
  });

  it('IVR calls, SmartRouting, availability and supervision give the same bytes as before', async () => {
    const landis = collectingLandis();
    const hook = fakeHook((c) => (c.callerNumber.endsWith('5') ? { ExtraPriority: 20, CustomTTS: 'Hei' } : { outcome: 'default-204', requestId: 'x' }));
    const h = createHarness({ seed: 'pinned-mix', smartRouting: hook, landis });
    const { sim, scheduler } = h;
    sim.placeQueueCall(IDS.support, {});
    sim.placeQueueCall(IDS.support, { agentAnswers: [false, true] });
    sim.placeDirectCall(IDS.erin, {});
    sim.placeOutboundCall(IDS.dave, '+358501112233', { answerAfterSeconds: 2, talkSeconds: 60 });
    scheduler.schedule(5_000, () => sim.startSupervision(IDS.carol, IDS.dave));
    scheduler.schedule(20_000, () => sim.setAvailability(IDS.bob, 'DoNotDisturb', { note: 'Meeting', endTime: new Date(scheduler.nowMs() + 600_000) }));
    scheduler.schedule(45_000, () => void sim.createCallback(IDS.callbacks, { contactNumber: '+358401231234' }));
    sim.placeIvrCall(MAIN_MENU_NUMBER, {});
    scheduler.schedule(5_000, () => sim.placeIvrCall(IDS.mainMenu, { ivrInputs: ['3', '40021877', '5'] }));
    for (let i = 1; i <= 8; i++) scheduler.schedule(i * 25_000, () => sim.placeIvrCall(MAIN_MENU_NUMBER, {}));
    await scheduler.runUntilIdle();
    expect({ events: h.events.length, hash: sha256(h.events), landis: sha256(landis.records) }).toEqual(PINNED_MIX);
  });
});

const PINNED_DAY = {
  events: 3133,
  hash: '2033fe2d14c37dd5e0dbfe0e5c3c9d65adf905ed0be3d394959ea386e2fa1cec',
  landis: 'b80e341c2557e31e1dd0d53501e147b7537fb96152e5480aaf1ea183c8f86eee',
};
const PINNED_MIX = {
  events: 120,
  hash: '5122e3170228541482da2a2e25fb92b2b48befcb7e5b7a08f3985415208c86c6',
  landis: '61750a4a4d2d9dc8c34ebc3afe716128915dff2bff6afa98839b811d0a57671e',
};
