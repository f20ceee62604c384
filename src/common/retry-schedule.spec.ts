import { DEFAULT_RETRY_SCHEDULE_MS, maxAttempts, parseSchedule, retryDelayMs } from './retry-schedule';

describe('retry schedule', () => {
  const exact = { jitter: 0, timeScale: 1, random: () => 0.5 };

  it('defaults to 10 s, 1 min, 5 min: four attempts in all', () => {
    expect(DEFAULT_RETRY_SCHEDULE_MS).toEqual([10_000, 60_000, 300_000]);
    expect(maxAttempts(DEFAULT_RETRY_SCHEDULE_MS)).toBe(4);
    expect(() => DEFAULT_RETRY_SCHEDULE_MS.push(1)).toThrow();
  });

  it('waits per the schedule after each failed attempt, repeating the last entry beyond it', () => {
    const waits = [1, 2, 3, 4, 9].map((made) => retryDelayMs(made, DEFAULT_RETRY_SCHEDULE_MS, exact));
    expect(waits).toEqual([10_000, 60_000, 300_000, 300_000, 300_000]);
    expect(retryDelayMs(0, DEFAULT_RETRY_SCHEDULE_MS, exact)).toBe(10_000);
    expect(retryDelayMs(1, [], exact)).toBe(0);
  });

  it('applies ±jitter from the injected random source', () => {
    const at = (r: number): number => retryDelayMs(1, [10_000], { jitter: 0.2, timeScale: 1, random: () => r });
    expect(at(0)).toBe(8_000);
    expect(at(0.5)).toBe(10_000);
    expect(at(0.999999)).toBe(12_000);
  });

  it('divides by timeScale and rounds to whole milliseconds', () => {
    expect(retryDelayMs(2, DEFAULT_RETRY_SCHEDULE_MS, { ...exact, timeScale: 1_000 })).toBe(60);
    expect(retryDelayMs(1, [1_000], { ...exact, timeScale: 3 })).toBe(333);
  });

  it('never returns a negative wait and rejects nonsense options', () => {
    expect(retryDelayMs(1, [0], { jitter: 1, timeScale: 1, random: () => 0 })).toBe(0);
    expect(() => retryDelayMs(1, [1], { ...exact, timeScale: 0 })).toThrow(/timeScale/);
    expect(() => retryDelayMs(1, [1], { ...exact, jitter: -0.1 })).toThrow(/jitter/);
  });

  describe('parseSchedule', () => {
    it.each([
      ['10s,1m,5m', [10_000, 60_000, 300_000]],
      ['500ms, 2s', [500, 2_000]],
      ['100,200', [100, 200]],
      [' 1h , 1.5s ', [3_600_000, 1_500]],
      ['0', [0]],
    ])('parses %j', (text, expected) => {
      expect(parseSchedule(text)).toEqual(expected);
    });

    it.each([
      ['10s,soon,5m', /item 2 \("soon"\)/],
      ['10s,,5m', /item 2 \(""\)/],
      ['-5s', /item 1 \("-5s"\)/],
      ['5d', /item 1 \("5d"\)/],
      ['', /empty/],
    ])('rejects %j naming the bad item', (text, message) => {
      expect(() => parseSchedule(text)).toThrow(message);
    });
  });
});
