import { dependencyOutage } from './dependency-outage';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('dependencyOutage', () => {
  it('recognises PostgreSQL going away, refusing or timing out, also inside a TypeORM error', () => {
    for (const e of [
      withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
      new Error('Connection terminated unexpectedly'),
      new Error('timeout exceeded when trying to connect'),
      Object.assign(new Error('terminating connection due to administrator command'), { driverError: withCode('terminating', '57P01') }),
      withCode('the database system is starting up', '57P03'),
      Object.assign(new Error('canceling statement due to lock timeout'), { driverError: withCode('canceling statement due to lock timeout', '55P03') }),
    ]) {
      expect(dependencyOutage(e)).toEqual({ dependency: 'postgres', retryAfterSeconds: 5 });
    }
  });

  it('recognises a command to a disconnected Redis', () => {
    expect(dependencyOutage(new Error("Stream isn't writeable and enableOfflineQueue options is false"))?.dependency).toBe('redis');
    expect(dependencyOutage(Object.assign(new Error('x'), { name: 'MaxRetriesPerRequestError' }))?.dependency).toBe('redis');
    expect(dependencyOutage(new Error('Connection is closed.'))?.dependency).toBe('redis');
  });

  it('leaves other errors alone: a bad statement, a constraint, a plain bug', () => {
    expect(dependencyOutage(withCode('syntax error at or near "SELEC"', '42601'))).toBeNull();
    expect(dependencyOutage(Object.assign(new Error('duplicate key'), { driverError: withCode('duplicate key', '23505') }))).toBeNull();
    expect(dependencyOutage(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBeNull();
    expect(dependencyOutage('a string')).toBeNull();
    expect(dependencyOutage(null)).toBeNull();
  });
});
