import { DOTNET_DATETIME_MAX, dotNetTimestampToDate, formatDotNetTimestamp, isDotNetTimestamp } from './dotnet-timestamp';

describe('formatDotNetTimestamp', () => {
  it.each([
    // [input, expected]
    [new Date(Date.UTC(2018, 0, 1, 8, 1, 23, 450)), '2018-01-01T08:01:23.45'],
    [new Date(Date.UTC(2018, 0, 1, 8, 1, 23, 0)), '2018-01-01T08:01:23'],
    [new Date(Date.UTC(2018, 0, 1, 8, 1, 23, 5)), '2018-01-01T08:01:23.005'],
    ['2018-01-01T08:01:23.45Z', '2018-01-01T08:01:23.45'],
    ['2018-01-01T08:01:23.450Z', '2018-01-01T08:01:23.45'],
    ['2018-01-01T08:01:23.000Z', '2018-01-01T08:01:23'],
    ['2018-01-01T08:01:23Z', '2018-01-01T08:01:23'],
    ['2018-01-01T08:01Z', '2018-01-01T08:01:00'],
    ['2018-01-01t08:01:23z', '2018-01-01T08:01:23'],
    // already .NET (unzoned means UTC): digits kept, trailing zeros trimmed
    ['2018-01-01T08:01:23.45', '2018-01-01T08:01:23.45'],
    ['2018-01-01T08:01:23.1234567', '2018-01-01T08:01:23.1234567'],
    ['2018-01-01T08:01:23.1234500', '2018-01-01T08:01:23.12345'],
    ['2018-01-01T08:01:23.0000000', '2018-01-01T08:01:23'],
    // offsets convert to UTC, sub-millisecond digits survive
    ['2018-01-01T10:01:23.45+02:00', '2018-01-01T08:01:23.45'],
    ['2018-01-01T10:01:23.1234567+0200', '2018-01-01T08:01:23.1234567'],
    ['2018-01-01T01:31:23-06:30', '2018-01-01T08:01:23'],
    ['2018-01-01T01:00:00+03', '2017-12-31T22:00:00'],
    ['2016-02-28T23:30:00-01:00', '2016-02-29T00:30:00'],
    ['2017-12-31T23:30:00-01:00', '2018-01-01T00:30:00'],
    ['0001-01-01T00:00:00', '0001-01-01T00:00:00'],
  ])('%p -> %s', (input, expected) => {
    expect(formatDotNetTimestamp(input)).toBe(expected);
  });

  it('passes DateTime.MaxValue through unchanged, with or without Z', () => {
    expect(DOTNET_DATETIME_MAX).toBe('9999-12-31T23:59:59.9999999');
    expect(formatDotNetTimestamp(DOTNET_DATETIME_MAX)).toBe(DOTNET_DATETIME_MAX);
    expect(formatDotNetTimestamp(`${DOTNET_DATETIME_MAX}Z`)).toBe(DOTNET_DATETIME_MAX);
  });

  it.each([
    ['yesterday', /expected ISO-8601/],
    ['', /expected ISO-8601/],
    ['2018-01-01', /expected ISO-8601/],
    ['2018-01-01 08:01:23', /expected ISO-8601/],
    ['2018-01-01T08:01:23.12345678', /more than 7 fraction digits/],
    ['2018-13-01T08:01:23', /month 13/],
    ['2018-02-29T08:01:23', /day 29 does not exist/],
    ['2018-01-01T24:00:00', /out of range/],
    ['2018-01-01T08:60:00', /out of range/],
    ['2018-01-01T08:01:23+25:00', /offset/],
    ['0000-01-01T00:00:00', /DateTime.MinValue/],
    ['9999-12-31T23:30:00-01:00', /outside the .NET DateTime range/],
  ])('refuses %p with a message that says why', (input, reason) => {
    expect(() => formatDotNetTimestamp(input)).toThrow(/^Invalid timestamp /);
    expect(() => formatDotNetTimestamp(input)).toThrow(reason);
  });

  it('refuses an invalid Date and non-date values', () => {
    expect(() => formatDotNetTimestamp(new Date(Number.NaN))).toThrow('Invalid timestamp: the Date is invalid');
    expect(() => formatDotNetTimestamp(12345 as unknown as string)).toThrow(/expected a Date or a string/);
  });
});

describe('isDotNetTimestamp', () => {
  it.each(['2018-01-01T08:01:23.45', '2018-01-01T08:01:23', '2018-01-01T08:01:23.1234567', DOTNET_DATETIME_MAX])('accepts %s', (value) => {
    expect(isDotNetTimestamp(value)).toBe(true);
  });

  it.each([
    '2018-01-01T08:01:23.450', // untrimmed
    '2018-01-01T08:01:23.', // empty fraction
    '2018-01-01T08:01:23Z', // zone suffix
    '2018-01-01T08:01:23+02:00',
    '2018-01-01T08:01', // no seconds
    '2018-02-30T08:01:23', // no such day
    '2018-01-01T08:01:23.12345678',
    null,
    new Date(),
  ])('rejects %p', (value) => {
    expect(isDotNetTimestamp(value)).toBe(false);
  });
});

describe('dotNetTimestampToDate', () => {
  it('parses back to the same instant, to the millisecond', () => {
    expect(dotNetTimestampToDate('2018-01-01T08:01:23.45').toISOString()).toBe('2018-01-01T08:01:23.450Z');
    expect(dotNetTimestampToDate('2018-01-01T10:01:23.4567891+02:00').toISOString()).toBe('2018-01-01T08:01:23.456Z');
    expect(dotNetTimestampToDate('0001-01-01T00:00:00').getUTCFullYear()).toBe(1);
  });
});
