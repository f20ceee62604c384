import { ABP_DATETIME, DOTNET_TIMESPAN, formatAbpDateTime, formatTimeSpan, toNewtonsoftJson } from './abp-json';

describe('formatAbpDateTime (IsoDateTimeConverter, UTC)', () => {
  it('writes up to 7 fraction digits, trailing zeros dropped, and Z', () => {
    expect(formatAbpDateTime(new Date('2024-03-01T09:00:05.120Z'))).toBe('2024-03-01T09:00:05.12Z');
    expect(formatAbpDateTime(new Date('2024-03-01T09:00:05.123Z'), 4567)).toBe('2024-03-01T09:00:05.1234567Z');
    expect(formatAbpDateTime(new Date('2024-03-01T09:00:05.100Z'), 50)).toBe('2024-03-01T09:00:05.100005Z');
  });

  it('drops a zero fraction together with its dot', () => {
    expect(formatAbpDateTime(new Date('2024-03-01T09:00:05.000Z'))).toBe('2024-03-01T09:00:05Z');
  });

  it('takes strings with 7 digits or an offset and writes them in UTC', () => {
    expect(formatAbpDateTime('2024-03-01T09:00:05.1234560')).toBe('2024-03-01T09:00:05.123456Z');
    expect(formatAbpDateTime('2024-03-01T10:00:05.5+01:00')).toBe('2024-03-01T09:00:05.5Z');
  });

  it('matches the pattern receivers are checked against', () => {
    for (const ms of [0, 1, 10, 100, 999]) {
      expect(formatAbpDateTime(new Date(Date.UTC(2024, 0, 31, 23, 59, 59, ms)), ms === 999 ? 9999 : 0)).toMatch(ABP_DATETIME);
    }
  });

  it('refuses invalid dates and ticks outside 0-9999', () => {
    expect(() => formatAbpDateTime(new Date('nope'))).toThrow('valid Date');
    expect(() => formatAbpDateTime(new Date(0), 10_000)).toThrow('0 to 9999');
    expect(() => formatAbpDateTime(new Date(0), 1.5)).toThrow('0 to 9999');
    expect(() => formatAbpDateTime('2024-02-30T00:00:00')).toThrow('day 30');
  });
});

describe('formatTimeSpan (TimeSpan.ToString(), the "c" format)', () => {
  it.each([
    [0, '00:00:00'],
    [83_000, '00:01:23'],
    [83_450, '00:01:23.4500000'],
    [1, '00:00:00.0010000'],
    [3_600_000 * 23 + 59 * 60_000 + 59_000, '23:59:59'],
    [86_400_000 + 2 * 3_600_000 + 3 * 60_000 + 4_000, '1.02:03:04'],
    [-83_000, '-00:01:23'],
    [0.0001, '00:00:00.0000001'],
  ])('%p ms is %p', (ms, expected) => {
    expect(formatTimeSpan(ms)).toBe(expected);
    expect(expected).toMatch(DOTNET_TIMESPAN);
  });

  it('refuses a non-finite length', () => {
    expect(() => formatTimeSpan(Number.NaN)).toThrow('finite');
  });
});

describe('toNewtonsoftJson', () => {
  it('is compact, keeps key order and writes null', () => {
    expect(toNewtonsoftJson({ B: 1, A: null, C: [true, 'x'] })).toBe('{"B":1,"A":null,"C":[true,"x"]}');
  });

  it('escapes what Newtonsoft escapes: quotes, backslash, control characters, U+0085, U+2028, U+2029', () => {
    expect(toNewtonsoftJson({ S: 'a"b\\c\n\t\u0001\u0085\u2028\u2029é€<>&\'' })).toBe('{"S":"a\\"b\\\\c\\n\\t\\u0001\\u0085\\u2028\\u2029é€<>&\'"}');
  });

  it("writes a lone surrogate as U+FFFD, as .NET's UTF-8 encoder does, and keeps pairs", () => {
    expect(toNewtonsoftJson({ S: 'x\uD800y\uDC00z😀' })).toBe('{"S":"x\uFFFDy\uFFFDz😀"}');
  });

  it('refuses what it cannot write as .NET would: fractions, Dates, undefined', () => {
    expect(() => toNewtonsoftJson({ N: 1.5 })).toThrow('N is 1.5; Landis JSON carries integers only');
    expect(() => toNewtonsoftJson({ D: new Date(0) })).toThrow('D is a Date; write it with formatAbpDateTime');
    expect(() => toNewtonsoftJson({ U: undefined })).toThrow('U is undefined');
  });
});
