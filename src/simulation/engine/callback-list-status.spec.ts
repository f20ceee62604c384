import { at, createHarness, IDS, ofType, organizationData, START } from './simulation.fixture';

const statuses = (events: Record<string, unknown>[]) => ofType(events, 'CallbackListStatus');

describe('CallbackListStatus', () => {
  it('is evaluated on the 15-second grid and emitted only when the status changed', async () => {
    const h = createHarness();
    await h.scheduler.advanceBy(100_000);
    expect(statuses(h.events)).toEqual([]); // the starting state is the baseline

    const id = h.sim.createCallback(IDS.callbacks, { contactNumber: '+358401231234' }); // t=100
    await h.scheduler.advanceBy(20_000);
    h.sim.assignCallback(id, IDS.bob); // t=120: a change on a grid point is reported at the next one
    await h.scheduler.advanceBy(5_000);
    h.sim.attemptCallback(id, IDS.bob, 'NoAnswer'); // changes no counter
    await h.scheduler.advanceBy(60_000);
    h.sim.closeCallback(id); // t=185
    await h.scheduler.runUntilIdle();

    expect(statuses(h.events).map((e) => [e.Timestamp, e.TotalOpenRequests, e.TotalAssigned, e.TotalFreeForAllocation])).toEqual([
      [at(105), 1, 0, 1],
      [at(135), 1, 1, 0],
      [at(195), 0, 0, 0],
    ]);
    expect(statuses(h.events)[0]).toMatchObject({
      EntityType: 'CallList',
      CallListId: IDS.callbacks,
      IsAutoAllocate: false,
      TotalActiveAgents: 1,
      TotalServingAgents: 1,
      TotalAutoAllocateAgents: 1,
      TotalServingAutoAllocateAgents: 0,
    });
  });

  it('follows time: due dates, NotBefore and expiry move the counters without any command', async () => {
    const h = createHarness();
    const start = Date.parse(START);
    h.sim.createCallback(IDS.callbacks, {
      contactNumber: '+358401231234',
      dueDate: new Date(start + 2 * 3_600_000 + 7_000), // 02:00:07 after start
      notBefore: new Date(start + 90 * 60_000), // 01:30
      expiryDate: new Date(start + 30 * 3_600_000), // expires in 30 h
    });
    await h.scheduler.runUntilIdle(31 * 3_600_000);
    expect(
      statuses(h.events).map((e) => [
        e.Timestamp,
        e.TotalOpenRequests,
        e.TotalHidingNotBefore,
        e.NextHourRevealedNotBefore,
        e.TotalFreeForAllocation,
        e.NextHourOverDueDate,
        e.TotalOverDueDate,
        e.ExpiresIn24h,
      ]),
    ).toEqual([
      [at(15), 1, 1, 0, 0, 0, 0, 0], // created
      [at(1800), 1, 1, 1, 0, 0, 0, 0], // NotBefore within the hour
      [at(3615), 1, 1, 1, 0, 1, 0, 0], // due within the hour (01:00:07 -> next grid point)
      [at(5400), 1, 0, 0, 1, 1, 0, 0], // NotBefore reached
      [at(7215), 1, 0, 0, 1, 0, 1, 0], // overdue
      [at(6 * 3600), 1, 0, 0, 1, 0, 1, 1], // expires within 24 h
      [at(30 * 3600 + 15), 0, 0, 0, 0, 0, 0, 0], // expired and closed at 30 h: a change, reported at the next point
    ]);
  });

  it('counts auto-allocation agents only on auto-allocate lists, and leaves the scheduler idle when nothing is due', async () => {
    const data = organizationData();
    data.callLists[0].isAutoAllocate = true;
    data.callLists[0].attachedUsers.push({ userId: IDS.alice, active: false });
    const h = createHarness({}, data);
    h.sim.createCallback(IDS.callbacks, { contactNumber: '+358401231234' });
    expect(await h.scheduler.runUntilIdle(60_000)).toBe(true);
    expect(statuses(h.events)[0]).toMatchObject({
      IsAutoAllocate: true,
      TotalActiveAgents: 1,
      TotalServingAgents: 1,
      TotalAutoAllocateAgents: 1,
      TotalServingAutoAllocateAgents: 1,
    });
  });
});
