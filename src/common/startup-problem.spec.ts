import { startupProblem, worthRetrying } from './startup-problem';

const context = { http: { host: '127.0.0.1', port: 3000 }, databaseUrl: 'postgres://emu:Secret1@db.local:5433/emulator' };
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code });

describe('startupProblem', () => {
  it('names PORT when the admin API cannot listen', () => {
    expect(startupProblem(Object.assign(new Error('listen EADDRINUSE'), { code: 'EADDRINUSE' }), context)).toBe(
      'PORT=3000: 127.0.0.1:3000 is already in use (another emulator or program listens there); stop it, or set PORT to a free port (0 picks one)',
    );
  });

  it('names the database that does not exist, and the user PostgreSQL refused, never the password', () => {
    expect(startupProblem(pgError('3D000', 'database "emulator" does not exist'), context)).toBe(
      'PostgreSQL at db.local:5433 (DATABASE_URL) has no database "emulator": create it, or point DATABASE_URL at one that exists',
    );
    const refused = startupProblem(pgError('28P01', 'password authentication failed for user "emu"'), context);
    expect(refused).toBe('PostgreSQL at db.local:5433 (DATABASE_URL) refused the login of user "emu": password authentication failed for user "emu"');
    expect(refused).not.toContain('Secret1');
  });

  it('says PostgreSQL is not reachable when the connection to its address fails', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:5433'), { code: 'ECONNREFUSED', port: 5433 });
    expect(startupProblem(refused, context)).toBe(
      'PostgreSQL at db.local:5433 (DATABASE_URL) is not reachable (ECONNREFUSED): start it, or check DATABASE_URL',
    );
    const unknownHost = Object.assign(new Error('getaddrinfo ENOTFOUND db.local'), { code: 'ENOTFOUND', hostname: 'db.local' });
    expect(startupProblem(unknownHost, context)).toContain('is not reachable (ENOTFOUND)');
  });

  it('passes anything else on as its message, or inspected when it has none', () => {
    expect(startupProblem(new Error('something else'), context)).toBe('something else');
    expect(startupProblem(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED', port: 6379 }), context)).toBe(
      'connect ECONNREFUSED 127.0.0.1:6379',
    );
    expect(startupProblem(undefined, { http: null, databaseUrl: null })).toBe('undefined');
  });

  it('retries connecting unless PostgreSQL refused the login or has no such database', () => {
    expect(worthRetrying(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(worthRetrying(pgError('57P03', 'the database system is starting up'))).toBe(true);
    expect(worthRetrying(pgError('3D000', 'no db'))).toBe(false);
    expect(worthRetrying(pgError('28P01', 'bad password'))).toBe(false);
  });
});
