import { DEFAULT_SAMPLE_NOW } from '../catalog/sample-world';
import { SeededRandom } from '../common/seeded-random';
import type { LandisEventDefinition, LandisPropertyDefinition } from './landis-catalog.types';
import { buildLandisEnvelope } from './landis-envelope';
import { sampleLandisData } from './landis-samples';
import type { LandisEventName } from './landis.types';

function describeProperty(p: LandisPropertyDefinition): Record<string, unknown> {
  return {
    Name: p.name,
    Type: p.type,
    Description: p.description,
    ...(p.enum ? { AllowedValues: p.enum } : {}),
    ...(p.alwaysNull ? { AlwaysNull: true } : {}),
    ...(p.items ? { ElementProperties: p.items.map(describeProperty) } : {}),
  };
}

/** A Landis webhook event as the catalog API lists it: its Data table (the envelope is the same for all). */
export function describeLandisEvent(def: LandisEventDefinition) {
  return {
    Name: def.name,
    Platform: 'landis' as const,
    Description: def.description,
    // App.TestWebhook has no table in the platform's document; its Data is ASP.NET Zero's test payload.
    Documented: def.documented,
    Properties: def.properties.map(describeProperty),
  };
}

/** One event with a reproducible sample POST body (Attempt 1), for documentation and tests to quote. */
export function landisEventWithSample(def: LandisEventDefinition) {
  const name = def.name as LandisEventName;
  const rng = new SeededRandom(name);
  const data = sampleLandisData(name, rng, new Date(DEFAULT_SAMPLE_NOW));
  const { envelope } = buildLandisEnvelope({
    eventId: rng.fork('id').uuid(),
    webhookEvent: name,
    attempt: 1,
    data,
    creationTime: new Date(DEFAULT_SAMPLE_NOW),
  });
  return { ...describeLandisEvent(def), SamplePayload: envelope };
}
