import { SeededRandom } from '../../common/seeded-random';
import { resolveCallScript } from './call-script';
import type { Harness } from './simulation.fixture';
import { collectingLandis, createHarness, fakeHook, IDS, MAIN_MENU_NUMBER } from './simulation.fixture';

/** A mixed run: queue, direct and outbound calls, SmartRouting, availability, callbacks. Commands at fixed virtual times. */
function scenario(h: Harness): void {
  const { sim, scheduler } = h;
  sim.placeQueueCall(IDS.support, {});
  sim.placeQueueCall(IDS.support, {});
  sim.placeQueueCall('+358101000200', {});
  sim.placeDirectCall(IDS.erin, {});
  scheduler.schedule(15_000, () => sim.placeQueueCall(IDS.support, { abandonAfterSeconds: 40 }));
  scheduler.schedule(20_000, () => sim.setAvailability(IDS.bob, 'DoNotDisturb', { note: 'Meeting', endTime: new Date(scheduler.nowMs() + 600_000) }));
  scheduler.schedule(30_000, () => sim.placeOutboundCall(IDS.dave, '+358501112233', {}));
  scheduler.schedule(45_000, () => void sim.createCallback(IDS.callbacks, { contactNumber: '+358401231234' }));
  scheduler.schedule(60_000, () => sim.placeQueueCall(IDS.support, {}));
  sim.placeIvrCall(MAIN_MENU_NUMBER, {});
  scheduler.schedule(5_000, () => sim.placeIvrCall(IDS.mainMenu, { ivrInputs: ['3', '40021877', '5'] }));
  for (let i = 1; i <= 8; i++) scheduler.schedule(i * 25_000, () => sim.placeIvrCall(MAIN_MENU_NUMBER, {}));
}

const smartRouting = () =>
  fakeHook((c) => (c.callerNumber.endsWith('5') ? { ExtraPriority: 20, CustomTTS: 'Hei' } : { outcome: 'default-204', requestId: 'x' }));

async function runManual(seed: string): Promise<Record<string, unknown>[]> {
  return (await runWithLandis(seed)).events;
}

async function runWithLandis(seed: string, runKey?: string) {
  const landis = collectingLandis();
  const h = createHarness({ seed, runKey, smartRouting: smartRouting(), landis });
  scenario(h);
  await h.scheduler.runUntilIdle();
  return { events: h.events, records: landis.records };
}

describe('determinism', () => {
  it('the same seed and commands give the same payloads, ids and timestamps included', async () => {
    const first = await runManual('replay-1');
    const second = await runManual('replay-1');
    expect(first.length).toBeGreaterThan(60);
    expect(second).toEqual(first);
  });

  it('the same seed gives the same Landis records byte for byte, and another run key other ids for the same story', async () => {
    const first = await runWithLandis('landis-replay');
    const second = await runWithLandis('landis-replay');
    expect(first.records.filter((r) => r.webhookEvent === 'App.IvrWebhook').length).toBeGreaterThanOrEqual(10);
    expect(first.records.filter((r) => r.webhookEvent === 'App.QueueWebhook').length).toBeGreaterThanOrEqual(8);
    expect(JSON.stringify(second.records)).toBe(JSON.stringify(first.records));

    const rekeyed = await runWithLandis('landis-replay', 'another run');
    const story = (records: typeof first.records) =>
      records.map((r) => [
        r.webhookEvent,
        r.createdAt.getTime(),
        'LeaveReason' in r.data ? r.data.LeaveReason : 'TransferType' in r.data ? r.data.TransferType : null,
      ]);
    expect(story(rekeyed.records)).toEqual(story(first.records));
    expect(rekeyed.records.map((r) => r.id)).not.toContain(first.records[0].id);
  });

  it('another seed gives other ids', async () => {
    const [a, b] = [await runManual('replay-1'), await runManual('replay-2')];
    expect(b.map((e) => e.Id)).not.toEqual(a.map((e) => e.Id));
  });

  it('the real-time driver gives the same stream as the manual one', async () => {
    const manual = await runWithLandis('drivers');
    const landis = collectingLandis();
    const h = createHarness({ seed: 'drivers', smartRouting: smartRouting(), landis });
    scenario(h);
    h.scheduler.start(50_000);
    await h.scheduler.whenIdle();
    await h.scheduler.stop();
    expect(h.events).toEqual(manual.events);
    expect(landis.records).toEqual(manual.records);
  });

  it("a call's ids and values do not depend on calls placed after it", async () => {
    const alone = createHarness({ seed: 'isolation' });
    const { callId } = alone.sim.placeQueueCall(IDS.sales, {});
    await alone.scheduler.runUntilIdle();

    const busy = createHarness({ seed: 'isolation' });
    busy.sim.placeQueueCall(IDS.sales, {});
    busy.sim.placeDirectCall(IDS.dave, {});
    busy.sim.placeQueueCall(IDS.support, {});
    await busy.scheduler.runUntilIdle();
    expect(busy.sim.timeline(callId)).toEqual(alone.sim.timeline(callId));
  });

  it('script defaults are drawn in a fixed order, so setting one value does not shift the others', () => {
    const drawn = resolveCallScript({}, new SeededRandom('script'));
    const partly = resolveCallScript({ talkSeconds: 5, hangupBy: 'agent' }, new SeededRandom('script'));
    expect(partly).toMatchObject({
      talkSeconds: 5,
      hangupBy: 'agent',
      answerAfterSeconds: drawn.answerAfterSeconds,
      callerNumber: drawn.callerNumber,
      transferAnswers: drawn.transferAnswers,
    });
    expect(partly.answers(0)).toBe(drawn.answers(0));
  });
});
