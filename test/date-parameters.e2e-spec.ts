import { adminApi } from './support/api';
import { startTestApp, type TestApp } from './support/test-app';

/** Impossible dates, each with what the 400 says is wrong with it. */
const BAD: [string, string][] = [
  ['2021-02-29', 'is not a real date: February 2021 has 28 days'],
  ['0000-01-01', 'is out of range: year 0000 is before 1900 (years 1900-9999)'],
  ['2021-13-01', 'is not a real date: there is no month 13'],
  ['2021-01-01T25:00:00Z', 'is not a real time: hour 25 is past 23'],
  ['2021-04-31', 'is not a real date: April has 30 days'],
];
/** A leap day and a timestamp with an offset (its '+' must survive the query string). */
const GOOD = ['2024-02-29', '2024-02-29T23:30:00+02:00'];

describe('date parameters refuse impossible dates with a 400 before any query runs', () => {
  let app: TestApp;
  let h: ReturnType<typeof adminApi>;

  beforeAll(async () => {
    app = await startTestApp();
    h = adminApi(app);
  });
  afterAll(async () => {
    await app?.close();
  });

  describe.each(['/api/events', '/api/deliveries'])('GET %s', (route) => {
    it.each(BAD)('refuses from/to=%s, naming the parameter and the problem', async (value, problem) => {
      for (const param of ['from', 'to']) {
        const res = await h
          .api()
          .get(route)
          .query({ [param]: value })
          .expect(400);
        // The validator's own words, not PostgreSQL's ("a value cannot be stored: ...").
        expect(res.body.message).toEqual([`${param} ${problem}, got "${value}"`]);
      }
    });

    it('accepts real dates, a leap day and a timestamp with an offset among them', async () => {
      const res = await h.api().get(route).query({ from: GOOD[0], to: GOOD[1] }).expect(200);
      expect(res.body.Items).toEqual([]);
      await h.api().get(route).query({ from: GOOD[1] }).expect(200);
    });
  });

  describe('POST /api/deliveries/resend (bulk, from/to in the body)', () => {
    it.each(BAD)('refuses from/to=%s, naming the parameter and the problem', async (value, problem) => {
      for (const param of ['from', 'to']) {
        const res = await h
          .api()
          .post('/api/deliveries/resend')
          .send({ [param]: value })
          .expect(400);
        expect(res.body.message).toEqual([`${param} ${problem}, got "${value}"`]);
      }
    });

    it('accepts real dates', async () => {
      const res = await h.api().post('/api/deliveries/resend').send({ from: GOOD[0], to: GOOD[1] }).expect(200);
      expect(res.body).toMatchObject({ Matched: 0, Resent: 0 });
    });
  });
});
