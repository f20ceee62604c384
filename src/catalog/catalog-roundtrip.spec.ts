import { SeededRandom } from '../common/seeded-random';
import { COMMON_PROPERTY_NAMES, EVENT_TYPE_NAMES, getEventType } from './event-catalog';
import { buildPayload } from './payload-builder';
import { validateEventValues, validatePayload } from './payload-validator';
import { sampleValues } from './sample-values';

/** Every one of the 34 types: sampleValues -> buildPayload -> validatePayload, over many seeds. */
describe.each(EVENT_TYPE_NAMES.map((name) => [name]))('%s', (eventType) => {
  const def = getEventType(eventType);

  it('round-trips sampled values into a valid payload, for 25 seeds', () => {
    const rng = new SeededRandom(`roundtrip:${eventType}`);
    const problems: string[] = [];
    for (let i = 0; i < 25; i++) {
      const organizationId = rng.uuid();
      const values = sampleValues(eventType, rng, { organizationId });
      problems.push(...validateEventValues(eventType, values, { requireAll: true }).map((e) => `seed ${i} values: ${e}`));
      const payload = buildPayload({ eventType, organizationId, values, id: rng.uuid(), timestamp: new Date(Date.UTC(2024, 5, 1, 12, 0, i)) });
      problems.push(...validatePayload(payload).map((e) => `seed ${i} payload: ${e}`));

      const record = payload as Record<string, unknown>;
      const keys = Object.keys(payload);
      if (
        keys.join() !==
        ['RootEntityType', 'RootEntityId', 'EventType', 'EntityType', 'EntityId', ...def.properties.map((p) => p.name), 'Id', 'Timestamp'].join()
      ) {
        problems.push(`seed ${i}: key order ${keys.join(', ')}`);
      }
      if (new Set(keys).size !== keys.length || keys.filter((k) => (COMMON_PROPERTY_NAMES as readonly string[]).includes(k)).length !== 7) {
        problems.push(`seed ${i}: duplicated or missing common keys`);
      }
      if (record.EntityId !== record[def.entityIdProperty] || record.OrganizationId !== organizationId || record.RootEntityId !== organizationId) {
        problems.push(`seed ${i}: EntityId/OrganizationId/RootEntityId disagree`);
      }
      if (record.EntityType !== def.entityType || record.EventType !== eventType) problems.push(`seed ${i}: wrong EntityType/EventType`);
    }
    expect(problems).toEqual([]);
  });

  it('keeps every property present as null when no values are given (null, never missing)', () => {
    const payload = buildPayload({
      eventType,
      organizationId: '00000000-0000-4000-8000-000000000000',
      values: {},
      id: '00000000-0000-4000-8000-000000000001',
      timestamp: new Date(0),
    });
    for (const property of def.properties) expect(Object.prototype.hasOwnProperty.call(payload, property.name)).toBe(true);
    const nulls = def.properties.filter((p) => (payload as Record<string, unknown>)[p.name] === null).map((p) => p.name);
    expect(nulls).toEqual(def.properties.map((p) => p.name).filter((n) => n !== 'OrganizationId'));
  });
});
