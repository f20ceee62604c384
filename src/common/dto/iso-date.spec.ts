import { isRealIsoDate } from './iso-date';

describe('isRealIsoDate', () => {
  it.each(['2026-01-31', '2024-02-29', '2026-01-31T08:00:00Z', '2026-01-31T08:00:00.1234567', '2026-01-31T08:00+02:00'])('accepts %s', (v) => {
    expect(isRealIsoDate(v)).toBe(true);
  });

  it.each(['2021-02-29', '0000-01-01', '2026-13-01', '2026-04-31', '2026-01-31T24:00:00Z', 'yesterday', '2026-1-1', 20260131])('refuses %s', (v) => {
    expect(isRealIsoDate(v)).toBe(false);
  });
});
