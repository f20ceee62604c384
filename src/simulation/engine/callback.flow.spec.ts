import { at, createHarness, IDS, ofType, organizationData, START } from './simulation.fixture';
import { SimulationCommandError } from './simulation-errors';

const changes = (events: Record<string, unknown>[], callbackId: string) => ofType(events, 'CallbackChanged').filter((e) => e.CallBackId === callbackId);

describe('callbacks', () => {
  it('emits CallbackChanged on create, assign, attempts and close, with history and extras consistent', async () => {
    const h = createHarness();
    const id = h.sim.createCallback(IDS.callbacks, {
      contactNumber: '+358401231234',
      contactName: 'Matti',
      note: 'VIP',
      dueDate: new Date(Date.parse(START) + 86_400_000),
      extras: [
        { name: 'CustomerNumber', value: '123456' },
        { name: 'Topic', value: 'Billing' },
      ],
    });
    await h.scheduler.advanceBy(10_000);
    h.sim.assignCallback(id, 'bob@test.example');
    await h.scheduler.advanceBy(10_000);
    h.sim.attemptCallback(id, IDS.bob, 'NoAnswer', { note: 'no answer' });
    await h.scheduler.advanceBy(10_000);
    h.sim.attemptCallback(id, IDS.bob, 'Reached');
    h.sim.closeCallback(id, { byUserId: IDS.bob });
    await h.scheduler.advanceBy(0);

    const [created, assigned, firstAttempt, secondAttempt, closed] = changes(h.events, id);
    expect(created).toMatchObject({
      EntityType: 'CallList',
      EntityId: IDS.callbacks,
      CallBackId: id,
      TypeId: 1,
      CallId: null,
      ContactNumber: '+358401231234',
      ContactName: 'Matti',
      Note: 'VIP',
      CreationTime: at(0),
      Modified: at(0),
      DueDate: at(86_400),
      AssignedUserId: null,
      LastModifiedUserId: null,
      CallbackAttempts: [],
      CallbackExtras: [
        { Id: 1, Name: 'CustomerNumber', Value: '123456' },
        { Id: 2, Name: 'Topic', Value: 'Billing' },
      ],
      CallbackRelatedItems: [],
      LastAttemptTimestamp: null,
    });
    expect(assigned).toMatchObject({ AssignedUserId: IDS.bob, LastModifiedUserId: null, Modified: at(10) });
    expect(firstAttempt).toMatchObject({
      CallbackAttempts: [{ CallbackAttemptTypeId: 2, Note: 'no answer', Timestamp: at(20), UserId: IDS.bob }],
      LastAttemptTypeId: 2,
      LastAttemptNote: 'no answer',
      LastAttemptTimestamp: at(20),
      LastAttemptUserId: IDS.bob,
      LastModifiedUserId: IDS.bob,
    });
    const attempts = secondAttempt.CallbackAttempts as Record<string, unknown>[];
    expect(attempts.map((a) => a.CallbackAttemptTypeId)).toEqual([2, 1]);
    expect(attempts[0].Id).toBe((firstAttempt.CallbackAttempts as Record<string, unknown>[])[0].Id);
    expect(secondAttempt).toMatchObject({ LastAttemptTypeId: 1, LastAttemptNote: null });
    expect(closed).toMatchObject({ CallbackAttempts: attempts, CallbackExtras: created.CallbackExtras, LastModifiedUserId: IDS.bob });
    expect(h.sim.callback(id)?.closed).toBe(true);
  });

  it('lists other requests for the same contact as related items, with their closed state and last attempt', async () => {
    const h = createHarness();
    const first = h.sim.createCallback(IDS.callbacks, { contactNumber: '+358401231234' });
    const other = h.sim.createCallback(IDS.callbacks, { contactNumber: '+358409999999' });
    await h.scheduler.advanceBy(0);
    h.sim.attemptCallback(first, IDS.bob, 'WrongNumber');
    h.sim.closeCallback(first);
    const second = h.sim.createCallback(IDS.callbacks, { contactNumber: '+358 40 123 1234', typeId: 3 });
    await h.scheduler.advanceBy(0);
    expect(changes(h.events, second)[0]).toMatchObject({
      TypeId: 3,
      CallbackRelatedItems: [{ Id: first, IsClosed: true, ListId: IDS.callbacks, StatusId: 4 }],
    });
    expect(changes(h.events, other)[0].CallbackRelatedItems).toEqual([]);
  });

  it('expires a request at its ExpiryDate', async () => {
    const h = createHarness();
    const id = h.sim.createCallback(IDS.callbacks, { contactNumber: '+358401231234', expiryDate: new Date(Date.parse(START) + 3_600_000) });
    await h.scheduler.runUntilIdle(2 * 3_600_000);
    const all = changes(h.events, id);
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({ Timestamp: at(3600), LastModifiedUserId: null });
    expect(h.sim.callback(id)?.closed).toBe(true);
  });

  it('expires requests loaded with the organisation too', async () => {
    const data = organizationData();
    const start = new Date(START);
    data.callbacks = [
      {
        id: '0cb00000-0000-4000-8000-000000000001',
        callListId: IDS.callbacks,
        typeId: 1,
        contactNumber: '+358401231234',
        contactName: null,
        contactMessage: null,
        note: null,
        callId: null,
        channelIn: null,
        creationTime: start,
        modified: start,
        dueDate: null,
        expiryDate: new Date(start.getTime() + 60_000),
        notBefore: null,
        assignedUserId: null,
        lastModifiedUserId: null,
        calculatedPriority: '0',
        classificationId: null,
        recordingId: null,
        transcriptId: null,
        attempts: [],
        extras: [],
        closed: false,
      },
    ];
    const h = createHarness({}, data);
    await h.scheduler.runUntilIdle();
    expect(h.events.map((e) => `${e.Timestamp} ${e.EventType}`)).toEqual([`${at(60)} CallbackChanged`, `${at(75)} CallbackListStatus`]);
    expect(h.events[1]).toMatchObject({ TotalOpenRequests: 0 });
  });

  it('refuses unknown lists, closed requests and unknown results before scheduling anything', async () => {
    const h = createHarness();
    expect(() => h.sim.createCallback(IDS.support, { contactNumber: '+358401231234' })).toThrow(SimulationCommandError);
    expect(() => h.sim.createCallback(IDS.callbacks, { contactNumber: ' ' })).toThrow(/contactNumber/);
    const id = h.sim.createCallback(IDS.callbacks, { contactNumber: '+358401231234' });
    await h.scheduler.advanceBy(0);
    expect(() => h.sim.attemptCallback(id, IDS.bob, 'Maybe' as never)).toThrow(/result must be one of/);
    h.sim.closeCallback(id);
    await h.scheduler.advanceBy(0);
    expect(() => h.sim.assignCallback(id, IDS.bob)).toThrow(/closed/);
    expect(() => h.sim.closeCallback('00000000-0000-4000-8000-000000000000')).toThrow(/Unknown callback/);
  });
});
