import { EVENT_TYPE_NAMES } from '../src/catalog/event-catalog';
import { validatePayload } from '../src/catalog/payload-validator';
import { adminApi } from './support/api';
import { startTestApp, type TestApp } from './support/test-app';

describe('event catalog and trigger API', () => {
  let app: TestApp;
  let h: ReturnType<typeof adminApi>;

  beforeAll(async () => {
    app = await startTestApp();
    h = adminApi(app);
  });
  afterAll(() => app?.close());

  it('lists all 34 event types with their properties', async () => {
    const res = await h.api().get('/api/event-types').expect(200);
    expect(res.body).toHaveLength(34);
    expect(res.body.map((t: { Name: string }) => t.Name)).toEqual(EVENT_TYPE_NAMES);
    const status = res.body.find((t: { Name: string }) => t.Name === 'QueueStatus');
    expect(status.EntityType).toBe('Queue');
    expect(status.Properties.find((p: { Name: string }) => p.Name === 'OpenStatus')).toMatchObject({ Type: 'int', AllowedValues: [0, 1, 2, 3, 4, 5, 6] });
  });

  it('shows one type with a realistic, valid sample payload, and resolves an alias', async () => {
    const res = await h.api().get('/api/event-types/CallbackChanged').expect(200);
    expect(validatePayload(res.body.SamplePayload)).toEqual([]);
    const alias = await h.api().get('/api/event-types/QueueCallInAllocated').expect(200);
    expect(alias.body).toMatchObject({ Name: 'QueueCallInUserAllocated', AliasOf: 'QueueCallInUserAllocated' });
    const miss = await h.api().get('/api/event-types/queuestatus').expect(404);
    expect(miss.body.message).toEqual([expect.stringMatching(/did you mean QueueStatus\?/)]);
  });

  it.each(EVENT_TYPE_NAMES)('emits %s: stored, returned in full, and valid against the seed tables', async (eventType) => {
    const { Payload } = await h.emit({ EventType: eventType });
    expect(Payload.EventType).toBe(eventType);
    expect(validatePayload(Payload)).toEqual([]);
    const stored = await h.api().get('/api/events').query({ eventType, limit: 1 }).expect(200);
    expect(stored.body.Items[0].Payload).toEqual(Payload);
    expect(JSON.stringify(stored.body.Items[0].Payload)).toBe(JSON.stringify(Payload));
  });

  it('keeps given values and fills the rest consistently', async () => {
    const queueId = '6cb31d7d-9cd9-41dc-a096-62cf31fd0281';
    const { Payload } = await h.emit({
      EventType: 'QueueCallInUserAllocated',
      QueueId: queueId,
      QueueName: 'Sample queue 1',
      Timestamp: '2018-01-01T08:01:23.45',
    });
    expect(Payload).toMatchObject({ QueueId: queueId, EntityId: queueId, QueueName: 'Sample queue 1', Timestamp: '2018-01-01T08:01:23.45' });
    expect(Payload.OrganizationId).toBe(Payload.RootEntityId);
    const byEntity = await h.api().get('/api/events').query({ entityId: queueId }).expect(200);
    expect(byEntity.body.Items.map((e: { Id: string }) => e.Id)).toContain(Payload.Id);
    const byCall = await h.api().get('/api/events').query({ callId: Payload.CallId }).expect(200);
    expect(byCall.body.Items).toHaveLength(1);
    const byTime = await h.api().get('/api/events').query({ from: '2018-01-01T00:00:00Z', to: '2018-01-02T00:00:00Z' }).expect(200);
    expect(byTime.body.Items.map((e: { Id: string }) => e.Id)).toEqual([Payload.Id]);
  });

  it.each([
    [{}, /EventType is required/],
    [{ EventType: 'QueueCallInAnswered' }, /EventType "QueueCallInAnswered" is not an event type/],
    [{ EventType: 'UserAvailability', Availability: 'Sleeping' }, /Availability/],
    [{ EventType: 'QueueStatus', NbrOfRequesters: 'many' }, /NbrOfRequesters/],
    [{ EventType: 'UserCallInArrived', Username: 'x@y' }, /Username is not a property of UserCallInArrived; did you mean UserName\?/],
    [{ EventType: 'QueueStatus', Id: '85b214f2-1d27-4262-87b6-8f55b3199400' }, /Id is set by the emulator/],
    [{ EventType: 'QueueStatus', QueueId: 'queue-1' }, /QueueId/],
    [{ EventType: 'UserStatus', Timestamp: 'yesterday' }, /Timestamp must be a date-time/],
  ])('refuses %j with a 400 naming the problem', async (body, message) => {
    const res = await h.api().post('/api/events').send(body).expect(400);
    expect([res.body.message].flat().join('\n')).toMatch(message);
  });

  it('refuses bad list filters', async () => {
    await h.api().get('/api/events').query({ limit: 0 }).expect(400);
    await h.api().get('/api/events').query({ callId: 'x' }).expect(400);
  });
});
