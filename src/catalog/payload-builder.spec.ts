import { buildPayload } from './payload-builder';
import { getEventType } from './event-catalog';

const ORG = 'fd434d24-f685-431d-8df5-386b5d5ffa73';
const QUEUE = '6cb31d7d-9cd9-41dc-a096-62cf31fd0281';
const EVENT_ID = '85b214f2-1d27-4262-87b6-8f55b3199400';

/** The seed's sample request, with the properties the table adds (LegId, DetailedReason) and its UserName spelling. */
const SAMPLE_VALUES = {
  CallId: '9cae633f-68d0-4315-8b9a-b83c7673d8dc',
  QueueId: QUEUE,
  OrganizationId: ORG,
  QueueName: 'Sample queue 1',
  QueueNumber: '+358101231234',
  UserId: 'b4df099e-70dc-4ff5-b4ea-c2c3547d97fb',
  UserName: 'sample.agent@customer.com',
  CallerNumber: '+358501231234',
  TargetNumber: '+35810123',
};

describe('buildPayload', () => {
  const payload = buildPayload({
    eventType: 'QueueCallInUserAllocated',
    organizationId: ORG,
    values: SAMPLE_VALUES,
    id: EVENT_ID,
    timestamp: '2018-01-01T08:01:23.45Z',
  });

  it('orders keys: common header, the table in its order, then Id and Timestamp', () => {
    expect(Object.keys(payload)).toEqual([
      'RootEntityType',
      'RootEntityId',
      'EventType',
      'EntityType',
      'EntityId',
      ...getEventType('QueueCallInUserAllocated').properties.map((p) => p.name),
      'Id',
      'Timestamp',
    ]);
    expect(Object.keys(payload).slice(5, 8)).toEqual(['CallerNumber', 'CallId', 'DetailedReason']);
  });

  it('fills the common properties as the seed sample shows them', () => {
    expect(payload).toMatchObject({
      RootEntityType: 'Organization',
      RootEntityId: ORG,
      EventType: 'QueueCallInUserAllocated',
      EntityType: 'Queue',
      EntityId: QUEUE,
      Id: EVENT_ID,
      Timestamp: '2018-01-01T08:01:23.45',
    });
  });

  it('sends a property without a value as null, never leaves it out', () => {
    expect(payload).toHaveProperty('LegId', null);
    expect(payload).toHaveProperty('DetailedReason', null);
    const empty = buildPayload({ eventType: 'UserStatus', organizationId: ORG, values: {}, id: EVENT_ID, timestamp: new Date(0) });
    for (const property of getEventType('UserStatus').properties) {
      if (property.name !== 'OrganizationId') expect([property.name, (empty as Record<string, unknown>)[property.name]]).toEqual([property.name, null]);
    }
    expect(empty.EntityId).toBeNull();
  });

  it('forces OrganizationId to the RootEntityId', () => {
    const other = buildPayload({
      eventType: 'QueueStatus',
      organizationId: ORG,
      values: { OrganizationId: QUEUE, QueueId: QUEUE },
      id: EVENT_ID,
      timestamp: new Date(0),
    });
    expect(other.OrganizationId).toBe(ORG);
    expect(other.RootEntityId).toBe(ORG);
  });

  it('takes EntityId from the entity property of each entity type', () => {
    const user = buildPayload({
      eventType: 'UserCallInComing',
      organizationId: ORG,
      values: { UserId: SAMPLE_VALUES.UserId },
      id: EVENT_ID,
      timestamp: new Date(0),
    });
    expect([user.EntityType, user.EntityId]).toEqual(['User', SAMPLE_VALUES.UserId]);
    const list = buildPayload({ eventType: 'CallbackListStatus', organizationId: ORG, values: { CallListId: QUEUE }, id: EVENT_ID, timestamp: new Date(0) });
    expect([list.EntityType, list.EntityId]).toEqual(['CallList', QUEUE]);
    const supervision = buildPayload({
      eventType: 'UserSupervisionStatus',
      organizationId: ORG,
      values: { SupervisorUserId: SAMPLE_VALUES.UserId, TargetUserId: QUEUE },
      id: EVENT_ID,
      timestamp: new Date(0),
    });
    expect(supervision.EntityId).toBe(SAMPLE_VALUES.UserId);
  });

  it('writes the listed name when given an alias', () => {
    const aliased = buildPayload({ eventType: 'QueueCallInAllocated', organizationId: ORG, values: SAMPLE_VALUES, id: EVENT_ID, timestamp: new Date(0) });
    expect(aliased.EventType).toBe('QueueCallInUserAllocated');
    expect(JSON.stringify(aliased)).toBe(JSON.stringify({ ...payload, Timestamp: '1970-01-01T00:00:00' }));
  });

  it('normalises DateTime values to the .NET form and Guids to lower case, also inside lists', () => {
    const built = buildPayload({
      eventType: 'CallbackChanged',
      organizationId: ORG.toUpperCase(),
      values: {
        CreationTime: '2018-01-01T10:00:00.500+02:00',
        Modified: new Date(Date.UTC(2018, 0, 1, 9, 0, 0)),
        DueDate: null,
        CallListId: QUEUE.toUpperCase(),
        CallbackAttempts: [{ Timestamp: '2018-01-01T08:30:00.1200000', Id: EVENT_ID.toUpperCase(), Note: 'x' }],
      },
      id: EVENT_ID.toUpperCase(),
      timestamp: new Date(Date.UTC(2018, 0, 1, 9, 0, 0, 100)),
    });
    expect(built.CreationTime).toBe('2018-01-01T08:00:00.5');
    expect(built.Modified).toBe('2018-01-01T09:00:00');
    expect(built.DueDate).toBeNull();
    expect(built.CallListId).toBe(QUEUE);
    expect([built.EntityId, built.RootEntityId, built.OrganizationId, built.Id]).toEqual([QUEUE, ORG, ORG, EVENT_ID]);
    expect(built.Timestamp).toBe('2018-01-01T09:00:00.1');
    // Nested elements get every helper property, in the helper table's order.
    expect(JSON.stringify(built.CallbackAttempts)).toBe(
      JSON.stringify([{ CallbackAttemptTypeId: null, Id: EVENT_ID, Note: 'x', Timestamp: '2018-01-01T08:30:00.12', UserId: null }]),
    );
  });

  it('drops names the event does not define and leaves values it cannot normalise for the validator', () => {
    const built = buildPayload({
      eventType: 'UserCallInArrived',
      organizationId: ORG,
      values: { Username: 'wrong.case@example.com', Id: 'not-the-id', StartTime: 'x', UserId: 'not-a-guid' },
      id: EVENT_ID,
      timestamp: new Date(0),
    }) as Record<string, unknown>;
    expect(built).not.toHaveProperty('Username');
    expect(built).not.toHaveProperty('StartTime');
    expect(built.Id).toBe(EVENT_ID);
    expect(built.UserId).toBe('not-a-guid');
    expect(Object.keys(built).filter((k) => k === 'Id')).toHaveLength(1);
  });

  it('throws on an unknown event type or an invalid event timestamp', () => {
    expect(() => buildPayload({ eventType: 'QueueCallInConnectedd', organizationId: ORG, values: {}, id: EVENT_ID, timestamp: new Date(0) })).toThrow(
      'Unknown event type "QueueCallInConnectedd"',
    );
    expect(() => buildPayload({ eventType: 'QueueStatus', organizationId: ORG, values: {}, id: EVENT_ID, timestamp: 'soon' })).toThrow(
      /Invalid timestamp "soon"/,
    );
  });
});
