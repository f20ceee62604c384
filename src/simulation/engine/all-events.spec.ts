import { EVENT_TYPE_NAMES } from '../../catalog/event-catalog';
import { payloadSchemaErrors } from '../../catalog/payload-json-schema.fixture';
import { validatePayload } from '../../catalog/payload-validator';
import { createHarness, IDS, organizationData } from './simulation.fixture';

describe('event coverage', () => {
  it('a mix of commands reaches all 34 event types, every payload valid and with its own Id', async () => {
    const data = organizationData();
    data.users[3].overflowTarget = { type: 'external', number: '+358409876543' }; // dave
    const h = createHarness({ seed: 'coverage' }, data);
    const { sim, scheduler } = h;
    const answer = { agentAnswers: true, answerAfterSeconds: 2, talkSeconds: 30 } as const;

    sim.placeQueueCall(IDS.support, { ...answer, agentAnswers: [false, true] }); // allocation cancelled, wrap-up
    sim.placeDirectCall(IDS.erin, { ...answer, agentAnswers: false }); // user overflow -> Support
    sim.placeOutboundCall(IDS.dave, '+358501112233', answer);
    await scheduler.advanceBy(5000);
    sim.startSupervision(IDS.carol, IDS.dave);
    sim.placeDirectCall(IDS.dave, { transferAnswers: false }); // busy on busy -> external, no answer
    sim.setAvailability(IDS.carol, 'OffWork');
    sim.setQueueMembership(IDS.support, [
      { userId: IDS.alice, priority: 1, active: true },
      { userId: IDS.bob, priority: 1, active: true },
    ]);
    await scheduler.advanceBy(1000);
    sim.placeQueueCall(IDS.sales, { transferAnswers: true }); // no agents -> external answers
    sim.placeQueueCall(IDS.sales, { transferAnswers: false }); // ... does not answer
    sim.placeQueueCall(IDS.support, { abandonAfterSeconds: 500 }); // waits, overflows into the call list
    sim.placeQueueCall(IDS.support, { abandonAfterSeconds: 500 });
    sim.placeQueueCall(IDS.support, { abandonAfterSeconds: 500 });
    const callbackId = sim.createCallback(IDS.callbacks, { contactNumber: '+358401231234' });
    await scheduler.advanceBy(1000);
    sim.assignCallback(callbackId, IDS.bob);
    scheduler.schedule(60_000, () => sim.placeDirectCall(IDS.erin, answer)); // answered
    await scheduler.runUntilIdle();

    const emitted = new Set(h.events.map((e) => e.EventType as string));
    expect([...emitted].sort()).toEqual([...EVENT_TYPE_NAMES].sort());
    expect(EVENT_TYPE_NAMES).toHaveLength(34);
    expect(h.events.flatMap((e) => validatePayload(e))).toEqual([]);
    // ... and each matches the JSON Schema GET /api/event-types/:name/schema serves for its type.
    expect(h.events.flatMap((e) => payloadSchemaErrors(e))).toEqual([]);
    expect(new Set(h.events.map((e) => e.Id)).size).toBe(h.events.length);
    expect(h.events.every((e) => e.RootEntityId === data.organization.id)).toBe(true);
    // A call's events have strictly increasing timestamps.
    const lastByCall = new Map<unknown, number>();
    for (const e of h.events.filter((x) => typeof x.CallId === 'string')) {
      const t = Date.parse(`${e.Timestamp as string}Z`);
      expect(t).toBeGreaterThan(lastByCall.get(e.CallId) ?? Number.NEGATIVE_INFINITY);
      lastByCall.set(e.CallId, t);
    }
  });
});
