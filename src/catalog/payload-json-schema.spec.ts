import { SeededRandom } from '../common/seeded-random';
import { EVENT_TYPES, type EventTypeName } from './event-catalog';
import { makeEvent } from './event-factory';
import { payloadComponentSchemas, payloadSchemaName } from './payload-json-schema';
import { payloadValidator } from './payload-json-schema.fixture';

const SEEDS_PER_TYPE = 25;

const compile = (name: EventTypeName) => payloadValidator(name);

function samples(name: EventTypeName): Record<string, unknown>[] {
  return Array.from({ length: SEEDS_PER_TYPE }, (_, i) => {
    const rng = new SeededRandom(`${name}-${i}`);
    return makeEvent(name, {}, { rng, timestamp: new Date(Date.UTC(2026, 0, 1, 8, 0, i, i * 37)), id: rng.fork('id').uuid() }) as Record<string, unknown>;
  });
}

describe('payload JSON Schemas (from the catalog tables)', () => {
  it('has one schema per event type in the OpenAPI components, with the helper types', () => {
    const components = payloadComponentSchemas();
    expect(EVENT_TYPES).toHaveLength(34);
    for (const def of EVENT_TYPES) expect(components[payloadSchemaName(def.name)]).toMatchObject({ type: 'object', additionalProperties: false });
    expect(components.QueueAttachedUser).toMatchObject({ type: 'object' });
  });

  it.each(EVENT_TYPES.map((d) => d.name))('accepts every generated %s payload', (name) => {
    const validate = compile(name);
    for (const payload of samples(name)) {
      const ok = validate(payload);
      expect(ok ? [] : validate.errors).toEqual([]);
    }
  });

  it('rejects a payload missing a required property, with a wrong type, an unknown property or another event type', () => {
    const validate = compile('QueueCallInUserAllocated');
    const [payload] = samples('QueueCallInUserAllocated');
    expect(validate(payload)).toBe(true);

    const { QueueName: _dropped, ...missing } = payload;
    expect(validate(missing)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ keyword: 'required', params: { missingProperty: 'QueueName' } }));

    expect(validate({ ...payload, QueueId: 42 })).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ instancePath: '/QueueId', keyword: 'type' }));

    expect(validate({ ...payload, Timestamp: '2018-01-01T08:01:23.450Z' })).toBe(false);
    expect(validate({ ...payload, Extra: 1 })).toBe(false);
    expect(validate({ ...payload, EventType: 'UserStatus' })).toBe(false);
  });

  it('checks list elements against their helper type and keeps null where .NET allows it', () => {
    const validate = compile('QueueAttachedUsers');
    const [payload] = samples('QueueAttachedUsers');
    expect(validate({ ...payload, AttachedUsers: null })).toBe(true);
    expect(validate({ ...payload, AttachedUsers: [{ UserId: 'd3c1b5a2-0f5e-4e43-9b7e-2f2f6a0e5f11', Priority: 1, Active: true }] })).toBe(true);
    expect(validate({ ...payload, AttachedUsers: [{ UserId: 'd3c1b5a2-0f5e-4e43-9b7e-2f2f6a0e5f11', Priority: 1 }] })).toBe(false);
    expect(validate({ ...payload, AttachedUsers: ['d3c1b5a2-0f5e-4e43-9b7e-2f2f6a0e5f11'] })).toBe(false);
    expect(validate({ ...payload, QueueId: null })).toBe(false);
  });
});
