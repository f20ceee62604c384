import { SeededRandom } from '../common/seeded-random';
import { formatDotNetTimestamp, isDotNetTimestamp } from './dotnet-timestamp';
import { makeEvent } from './event-factory';
import { EVENT_TYPE_NAMES, getEventType } from './event-catalog';
import { eventValuesCertainlyValid, isGuidText, payloadCertainlyValid } from './payload-fast-check';
import { validateEventValues, validatePayload } from './payload-validator';
import { sampleValues } from './sample-values';

/** Sample payloads of every type, several each (lists empty and not). */
const samples = (): Record<string, unknown>[] =>
  EVENT_TYPE_NAMES.flatMap((name) =>
    Array.from({ length: 6 }, (_, i) => makeEvent(name, {}, { rng: new SeededRandom(`${name}:${i}`) }) as Record<string, unknown>),
  );

describe('payload fast checks', () => {
  it('take every valid built payload and every sampled value set on the fast path', () => {
    for (const payload of samples()) {
      const def = getEventType(payload.EventType as string)!;
      expect(payloadCertainlyValid(def, payload)).toBe(true);
      expect(validatePayload(payload)).toEqual([]);
      expect(eventValuesCertainlyValid(def, sampleValues(def.name, new SeededRandom('v')))).toBe(true);
    }
  });

  it('never pass what the full validator rejects', () => {
    const breakages: ((p: Record<string, unknown>, key: string) => void)[] = [
      (p) => void (p.Id = (p.Id as string).toUpperCase()),
      (p) => void (p.Timestamp = '2018-02-30T08:00:00'),
      (p) => void (p.Timestamp = '2018-01-01T24:00:00'),
      (p) => void (p.Timestamp = '2018-01-01T08:00:00.10'),
      (p) => void (p.Timestamp = '0000-01-01T08:00:00'),
      (p) => void (p.EntityId = '00000000-0000-4000-8000-000000000000'),
      (p) => void (p.RootEntityType = 'User'),
      (p, key) => void delete p[key],
      (p, key) => void (p[key] = undefined),
      (p, key) => void (p[key] = null),
      (p, key) => void (p[key] = typeof p[key] === 'string' ? 42 : 'x'),
      (p) => void (p.Extra = 1),
    ];
    let rejected = 0;
    for (const original of samples().slice(0, 60)) {
      const def = getEventType(original.EventType as string)!;
      for (const key of def.properties.map((p) => p.name)) {
        for (const breakIt of breakages) {
          const payload = structuredClone(original);
          breakIt(payload, key);
          const problems = validatePayload(payload);
          if (problems.length) rejected++;
          if (payloadCertainlyValid(def, payload)) expect(problems).toEqual([]);
          const values = Object.fromEntries(def.properties.map((p) => [p.name, payload[p.name]]));
          if (eventValuesCertainlyValid(def, values)) expect(validateEventValues(def.name, values)).toEqual([]);
        }
      }
    }
    expect(rejected).toBeGreaterThan(1000);
  });

  it('reads GUIDs as the patterns do', () => {
    const guid = new SeededRandom('g').uuid();
    expect(isGuidText(guid, true)).toBe(true);
    expect(isGuidText(guid.toUpperCase(), true)).toBe(false);
    expect(isGuidText(guid.toUpperCase(), false)).toBe(true);
    for (const bad of [guid.slice(1), `${guid}0`, guid.replace('-', 'x'), `g${guid.slice(1)}`, `\u00e9${guid.slice(1)}`]) {
      expect(isGuidText(bad, false)).toBe(false);
    }
  });
});

describe('timestamp fast paths', () => {
  it('formats every millisecond as the string path does', () => {
    for (let ms = 0; ms < 1000; ms++) {
      const date = new Date(Date.UTC(2024, 1, 29, 23, 59, 59, ms));
      const iso = date.toISOString();
      expect(formatDotNetTimestamp(date)).toBe(formatDotNetTimestamp(iso));
    }
    expect(formatDotNetTimestamp(new Date('0099-03-04T05:06:07.000Z'))).toBe('0099-03-04T05:06:07');
  });

  it('accepts exactly the canonical forms that re-format to themselves', () => {
    const texts = [
      '2024-02-29T00:00:00',
      '2023-02-29T00:00:00',
      '2018-01-01T08:01:23.45',
      '2018-01-01T08:01:23.450',
      '2018-13-01T00:00:00',
      '2018-04-31T00:00:00',
    ];
    texts.push(
      '2018-01-01T23:59:59.9999999',
      '2018-01-01T23:60:00',
      '2018-01-01T08:01:23Z',
      '0001-01-01T00:00:00',
      '0000-01-01T00:00:00',
      '1900-02-29T00:00:00',
    );
    const expected = texts.map((t) => {
      try {
        return formatDotNetTimestamp(t) === t;
      } catch {
        return false;
      }
    });
    expect(texts.map((t) => isDotNetTimestamp(t))).toEqual(expected);
    expect(expected.filter(Boolean).length).toBeGreaterThanOrEqual(4);
  });
});
