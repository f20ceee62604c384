import type { ValidationProblem } from '../common/errors/domain-errors';
import { SeededRandom } from '../common/seeded-random';
import { planCalls } from './call-plan';
import { arrivalOffsetsMs } from './load-plan';
import { treatmentFor } from './retry-treatment';
import { toScenarioOptions, type LoadShape } from './scenario-options';
import type { CreateScenarioDto } from './dto/create-scenario.dto';

const shape = (s: Partial<LoadShape>): LoadShape => ({
  pattern: 'constant',
  durationSeconds: 60,
  callsPerSecond: 0,
  from: 0,
  to: 0,
  burstEverySeconds: 0,
  burstCalls: 0,
  ...s,
});

describe('arrivalOffsetsMs', () => {
  it('places rate × duration calls, ascending, within the duration, the same for the same seed', () => {
    const a = arrivalOffsetsMs(shape({ callsPerSecond: 5 }), new SeededRandom(1));
    expect(a).toHaveLength(300);
    expect(a).toEqual([...a].sort((x, y) => x - y));
    expect(a[a.length - 1]).toBeLessThan(60_000);
    expect(arrivalOffsetsMs(shape({ callsPerSecond: 5 }), new SeededRandom(1))).toEqual(a);
    expect(arrivalOffsetsMs(shape({ callsPerSecond: 5 }), new SeededRandom(2))).not.toEqual(a);
  });

  it('ramps: the second half of a 0→10 ramp holds three times the calls of the first', () => {
    const a = arrivalOffsetsMs(shape({ pattern: 'ramp', from: 0, to: 10 }), new SeededRandom(1));
    expect(a).toHaveLength(300);
    const firstHalf = a.filter((t) => t < 30_000).length;
    expect(firstHalf).toBeGreaterThanOrEqual(74);
    expect(firstHalf).toBeLessThanOrEqual(76);
  });

  it('bursts: BurstCalls within a second of every burst start, on top of the base rate', () => {
    const a = arrivalOffsetsMs(shape({ pattern: 'bursts', burstEverySeconds: 20, burstCalls: 50 }), new SeededRandom(1));
    expect(a).toHaveLength(150);
    for (const start of [0, 20_000, 40_000]) expect(a.filter((t) => t >= start && t < start + 1000)).toHaveLength(50);
  });
});

describe('planCalls and treatments', () => {
  const dto = (extra: Partial<CreateScenarioDto> = {}): CreateScenarioDto =>
    ({ Seed: 42, DurationSeconds: 100, CallsPerSecond: 1, ...extra }) as CreateScenarioDto;
  const targets = { queues: ['q1', 'q2'], users: ['u1'], callLists: [] };

  it('draws kinds by the mix, skipping kinds without targets, and scripts within the ranges', () => {
    const plan = planCalls(toScenarioOptions(dto({ Mix: { Queue: 1, Callback: 1 }, TalkSeconds: { Min: 5, Max: 6 } })), targets);
    expect(plan).toHaveLength(100);
    expect(new Set(plan.map((c) => c.kind))).toEqual(new Set(['queue']));
    for (const c of plan) expect(c.script.talkSeconds).toBeGreaterThanOrEqual(5);
    expect(planCalls(toScenarioOptions(dto({ Mix: { Queue: 1, Callback: 1 }, TalkSeconds: { Min: 5, Max: 6 } })), targets)).toEqual(plan);
  });

  it('refuses cross-field mistakes naming the field', () => {
    const refusal = (d: CreateScenarioDto): string => {
      try {
        toScenarioOptions(d);
      } catch (e) {
        return JSON.stringify((e as ValidationProblem).messages);
      }
      return 'accepted';
    };
    expect(refusal(dto({ TalkSeconds: { Min: 9, Max: 1 } }))).toContain('TalkSeconds');
    expect(refusal(dto({ CallsPerSecond: 1000, DurationSeconds: 7 * 86400 }))).toContain('DurationSeconds');
  });

  it('decides treatments from the seed and the event Id only, at about the given rates', () => {
    const retry = { scheduleMs: null, duplicateRate: 0.25, outOfOrderRate: 0.5, holdBackMs: 1000 };
    const ids = Array.from({ length: 2000 }, (_, i) => new SeededRandom(i).uuid());
    const t = ids.map((id) => treatmentFor('7', id, retry));
    expect(ids.map((id) => treatmentFor('7', id, retry))).toEqual(t);
    expect(t.filter((x) => x.duplicate).length / 2000).toBeCloseTo(0.25, 1);
    expect(t.filter((x) => x.outOfOrder).length / 2000).toBeCloseTo(0.5, 1);
  });
});
