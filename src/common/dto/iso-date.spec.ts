import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { IsRealDate, isoDateProblem, isRealIsoDate } from './iso-date';

describe('isRealIsoDate', () => {
  it.each([
    '2026-01-31',
    '2024-02-29',
    '2000-02-29',
    '1900-01-01',
    '9999-12-31T23:59:59Z',
    '2026-01-31T08:00:00Z',
    '2026-01-31T08:00:00.1234567',
    '2026-01-31T08:00+02:00',
    '2026-01-31T08:00:00-0530',
    '2026-01-31T08:00:00+14:00',
    '2026-01-31 08:00:00',
  ])('accepts %s', (v) => {
    expect(isRealIsoDate(v)).toBe(true);
    expect(isoDateProblem(v)).toBeNull();
  });

  it.each([
    ['2021-02-29', 'is not a real date: February 2021 has 28 days'],
    ['1900-02-29', 'is not a real date: February 1900 has 28 days'],
    ['2021-04-31', 'is not a real date: April has 30 days'],
    ['2021-01-00', 'is not a real date: January has 31 days'],
    ['2021-13-01', 'is not a real date: there is no month 13'],
    ['2021-00-10', 'is not a real date: there is no month 00'],
    ['0000-01-01', 'is out of range: year 0000 is before 1900 (years 1900-9999)'],
    ['1899-12-31T23:59:59Z', 'is out of range: year 1899 is before 1900 (years 1900-9999)'],
    ['2021-01-01T25:00:00Z', 'is not a real time: hour 25 is past 23'],
    ['2026-01-31T24:00:00Z', 'is not a real time: hour 24 is past 23'],
    ['2021-01-01T10:60:00Z', 'is not a real time: minute 60 is past 59'],
    ['2021-01-01T10:00:60Z', 'is not a real time: second 60 is past 59'],
    ['2021-01-01T10:00:00+15:00', 'is not a real time: the offset +15:00 is beyond ±14:00'],
    ['2021-01-01T10:00:00-14:30', 'is not a real time: the offset -14:30 is beyond ±14:00'],
  ])('refuses %s: %s', (v, problem) => {
    expect(isRealIsoDate(v)).toBe(false);
    expect(isoDateProblem(v)).toBe(problem);
  });

  it.each(['yesterday', '2026-1-1', '20260131', '2026-01-31T08', '', 20260131, null, ['2026-01-31']])('refuses %p as not ISO 8601', (v) => {
    expect(isoDateProblem(v)).toBe('must be an ISO 8601 date such as 2026-01-31 or 2026-01-31T08:00:00Z');
  });
});

describe('@IsRealDate', () => {
  class Query {
    @IsRealDate() from?: string;
  }
  const messages = (from: unknown) => validateSync(plainToInstance(Query, { from })).flatMap((e) => Object.values(e.constraints ?? {}));

  it('names the parameter and what is wrong with its value', () => {
    expect(messages('2021-02-29')).toEqual(['from is not a real date: February 2021 has 28 days']);
    expect(messages('soon')).toEqual(['from must be an ISO 8601 date such as 2026-01-31 or 2026-01-31T08:00:00Z']);
    expect(messages('2024-02-29T12:00:00+02:00')).toEqual([]);
  });
});
