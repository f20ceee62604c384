import sampleConfiguration from '../../test/fixtures/platform-sample-configuration.json';
import type { PropertyDefinition } from './catalog.types';
import { EVENT_TYPES, HELPER_TYPES } from './event-catalog';
import { locateSeedDocs, parseSampleConfiguration, parseWebhookSeed, readWebhookSeed, type SeedCatalog, type SeedProperty } from './seed-tables';

/**
 * The catalog is hand-kept data; this re-reads the specification at test time and lists every
 * disagreement, so a drift in either is named rather than silently shipped.
 */

const seedDocs = locateSeedDocs();
const whenSeedDocs = 'dir' in seedDocs ? describe : describe.skip;
if ('missing' in seedDocs) {
  // Jest lists the tests as skipped and hides a skipped file's console output; stderr says why.
  process.stderr.write(
    `Skipped the catalog's conformance with the platform document: ${seedDocs.missing}. Set SEED_DOCS_DIR to the folder that holds 000_*.txt to run it.\n`,
  );
}

/** The only normalisation the catalog applies: the table's `String` is the same type as `string`. */
const normaliseType = (type: string): string => (type.toLowerCase() === 'string' ? 'string' : type);

function compareProperties(owner: string, seed: readonly SeedProperty[], catalog: readonly PropertyDefinition[]): string[] {
  const differences: string[] = [];
  const length = Math.max(seed.length, catalog.length);
  for (let i = 0; i < length; i++) {
    const s = seed[i];
    const c = catalog[i];
    const position = `${owner}: property ${i + 1}`;
    if (!s) differences.push(`${position} is ${c.name} in catalog but absent in seed`);
    else if (!c) differences.push(`${position} is ${s.name} in seed but absent in catalog`);
    else {
      if (s.name !== c.name) differences.push(`${position} is ${s.name} in seed but ${c.name} in catalog`);
      if (normaliseType(s.type) !== c.type) differences.push(`${position} (${s.name}) has type ${s.type} in seed but ${c.type} in catalog`);
      if (s.description !== c.description) {
        differences.push(`${position} (${s.name}) has description ${JSON.stringify(s.description)} in seed but ${JSON.stringify(c.description)} in catalog`);
      }
    }
  }
  return differences;
}

/** Every difference between the seed's tables and the catalog, worded for a failure message. */
function catalogDifferences(seed: SeedCatalog): string[] {
  const differences: string[] = [];
  const seedNames = seed.events.map((e) => e.name);
  const catalogNames = EVENT_TYPES.map((e) => e.name as string);
  for (const name of seedNames) if (!catalogNames.includes(name)) differences.push(`${name}: event in seed but not in catalog`);
  for (const name of catalogNames) if (!seedNames.includes(name)) differences.push(`${name}: event in catalog but not in seed`);
  if (differences.length === 0 && seedNames.join() !== catalogNames.join()) {
    differences.push(`event order differs: seed ${seedNames.join(', ')}; catalog ${catalogNames.join(', ')}`);
  }
  for (const seedEvent of seed.events) {
    const def = EVENT_TYPES.find((e) => e.name === seedEvent.name);
    if (!def) continue;
    if (def.entityType !== seedEvent.section) differences.push(`${def.name}: section ${seedEvent.section} in seed but entityType ${def.entityType} in catalog`);
    if (def.description !== seedEvent.description) {
      differences.push(`${def.name}: description ${JSON.stringify(seedEvent.description)} in seed but ${JSON.stringify(def.description)} in catalog`);
    }
    differences.push(...compareProperties(def.name, seedEvent.properties, def.properties));
  }

  const seedHelpers = seed.helpers.map((h) => h.name);
  const catalogHelpers = HELPER_TYPES.map((h) => h.name as string);
  if (seedHelpers.join() !== catalogHelpers.join()) differences.push(`helper types: seed ${seedHelpers.join(', ')}; catalog ${catalogHelpers.join(', ')}`);
  for (const seedHelper of seed.helpers) {
    const def = HELPER_TYPES.find((h) => h.name === seedHelper.name);
    if (!def) continue;
    if (def.description !== seedHelper.description) {
      differences.push(`${def.name}: description ${JSON.stringify(seedHelper.description)} in seed but ${JSON.stringify(def.description)} in catalog`);
    }
    differences.push(...compareProperties(def.name, seedHelper.properties, def.properties));
  }
  return differences;
}

const title = 'catalog conforms to the webhook seed (000_*.txt)';
whenSeedDocs('dir' in seedDocs ? title : `${title} (skipped: ${seedDocs.missing})`, () => {
  let text: string;
  let seed: SeedCatalog;

  beforeAll(() => {
    // The folder exists; a missing or doubled 000_*.txt in it throws and fails every test here.
    text = readWebhookSeed((seedDocs as { dir: string }).dir);
    seed = parseWebhookSeed(text);
  });

  it("keeps the document's sample configuration, which the e2e tests import, as a fixture that equals it", () => {
    expect(sampleConfiguration).toEqual(parseSampleConfiguration(text));
  });

  it('the seed parses into 34 events (20 User, 12 Queue, 2 CallList) and 4 helper types', () => {
    const count = (section: string): number => seed.events.filter((e) => e.section === section).length;
    expect([seed.events.length, count('User'), count('Queue'), count('CallList')]).toEqual([34, 20, 12, 2]);
    expect(seed.helpers.map((h) => h.name)).toEqual(['QueueAttachedUser', 'CallbackAttempt', 'CallbackExtra', 'CallbackRelatedItem']);
    for (const table of [...seed.events, ...seed.helpers]) expect(table.properties.length).toBeGreaterThan(0);
  });

  it('has exactly the same event types, sections, helper types, property names, order, types and descriptions', () => {
    expect(catalogDifferences(seed)).toEqual([]);
  });

  it('names a drifted property, type or event in its report (the check itself can fail)', () => {
    const drifted: SeedCatalog = structuredClone(seed);
    const queueStatus = drifted.events.find((e) => e.name === 'QueueStatus')!;
    queueStatus.properties[6] = { ...queueStatus.properties[6], name: 'NbrOfAllocatedCalls' };
    const arrived = drifted.events.find((e) => e.name === 'UserCallInArrived')!;
    arrived.properties[6] = { ...arrived.properties[6], name: 'Username' };
    drifted.events.find((e) => e.name === 'CallbackChanged')!.properties[27].type = 'int';
    drifted.events.push({ name: 'UserTeleported', section: 'User', description: '', properties: [] });
    drifted.helpers[2].properties.pop();

    const report = catalogDifferences(drifted);
    expect(report).toEqual(
      expect.arrayContaining([
        'QueueStatus: property 7 is NbrOfAllocatedCalls in seed but NbrOfAllocated in catalog',
        'UserCallInArrived: property 7 is Username in seed but UserName in catalog',
        'CallbackChanged: property 28 (TypeId) has type int in seed but short in catalog',
        'UserTeleported: event in seed but not in catalog',
        'CallbackExtra: property 3 is Value in catalog but absent in seed',
      ]),
    );
  });

  it('treats the table\'s "String" as string and nothing else as case-insensitive', () => {
    const availability = seed.events.find((e) => e.name === 'UserAvailability')!;
    expect(availability.properties.filter((p) => p.type === 'String').map((p) => p.name)).toEqual(['EventSource', 'Note']);
    expect(normaliseType('String')).toBe('string');
    expect(normaliseType('Guid')).toBe('Guid');
  });
});
