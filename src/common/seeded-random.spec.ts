import { SeededRandom } from './seeded-random';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

// Recorded from the implementation when it was written.
const PINNED_UINT32 = [771314100, 3733814093, 3506154697];

const draw = (rng: SeededRandom, n = 20): number[] => Array.from({ length: n }, () => rng.next());

describe('SeededRandom', () => {
  it('replays the same stream for the same seed', () => {
    expect(draw(new SeededRandom('scenario-7'))).toEqual(draw(new SeededRandom('scenario-7')));
    expect(new SeededRandom(42).uuid()).toBe(new SeededRandom(42).uuid());
  });

  it('gives different streams for different seeds', () => {
    expect(draw(new SeededRandom('a'))).not.toEqual(draw(new SeededRandom('b')));
    expect(draw(new SeededRandom(1))).not.toEqual(draw(new SeededRandom(2)));
  });

  it('is pinned to known values, so a change of algorithm is noticed (replays would silently change)', () => {
    const rng = new SeededRandom('pinned');
    const first = [rng.nextUint32(), rng.nextUint32(), rng.nextUint32()];
    expect(first).toEqual(PINNED_UINT32);
  });

  it('next() stays in [0, 1) and is roughly uniform', () => {
    const rng = new SeededRandom('uniform');
    const buckets = new Array(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 20000; i++) {
      const x = rng.next();
      if (!(x >= 0 && x < 1)) outside++;
      else buckets[Math.floor(x * 10)]++;
    }
    expect(outside).toBe(0);
    for (const count of buckets) expect(Math.abs(count - 2000)).toBeLessThan(250);
  });

  it('int() covers both ends inclusively and nothing outside', () => {
    const rng = new SeededRandom('ints');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(rng.int(-2, 3));
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(rng.int(5, 5)).toBe(5);
  });

  it('int() refuses empty or non-integer ranges', () => {
    const rng = new SeededRandom('bad');
    expect(() => rng.int(3, 2)).toThrow(/empty/);
    expect(() => rng.int(0.5, 2)).toThrow(/safe integers/);
  });

  it('pick() returns members and refuses an empty array; bool() honours its probability', () => {
    const rng = new SeededRandom('pick');
    const items = ['x', 'y', 'z'] as const;
    const picked = new Set(Array.from({ length: 200 }, () => rng.pick(items)));
    expect([...picked].sort()).toEqual(['x', 'y', 'z']);
    expect(() => rng.pick([])).toThrow(/non-empty/);
    expect(Array.from({ length: 100 }, () => rng.bool(0)).some(Boolean)).toBe(false);
    expect(Array.from({ length: 100 }, () => rng.bool(1)).every(Boolean)).toBe(true);
    const trues = Array.from({ length: 10000 }, () => rng.bool(0.25)).filter(Boolean).length;
    expect(Math.abs(trues - 2500)).toBeLessThan(200);
    expect(() => rng.bool(1.5)).toThrow(/probability/);
  });

  it('shuffle() permutes without touching its input', () => {
    const input = [1, 2, 3, 4, 5, 6, 7, 8];
    const shuffled = new SeededRandom('shuffle').shuffle(input);
    expect(input).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(input);
    expect(shuffled).not.toEqual(input);
  });

  it('uuid() is a lower-case RFC 4122 v4 GUID and does not repeat', () => {
    const rng = new SeededRandom('uuids');
    const ids = Array.from({ length: 1000 }, () => rng.uuid());
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('fork() is deterministic, independent of the parent and of how much the parent drew', () => {
    const parent = new SeededRandom('root');
    const early = draw(parent.fork('calls'));
    draw(parent, 50);
    const late = draw(parent.fork('calls'));
    expect(late).toEqual(early);
    expect(draw(new SeededRandom('root').fork('calls'))).toEqual(early);
    expect(draw(parent.fork('queues'))).not.toEqual(early);
    expect(draw(new SeededRandom('root'))).not.toEqual(early);
    // Forking draws nothing from the parent.
    const a = new SeededRandom('root');
    const b = new SeededRandom('root');
    b.fork('x');
    expect(draw(a)).toEqual(draw(b));
    expect(draw(parent.fork('a').fork('b'))).toEqual(draw(new SeededRandom('root').fork('a').fork('b')));
  });
});
