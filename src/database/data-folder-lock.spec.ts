import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataFolderHolder, dataFolderInUse } from './data-folder-lock';

/** Starts a child that lives until its parent ends, and prints its PID. */
const OWNER =
  "const c = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => process.ppid === 1 && process.exit(), 100)'], { stdio: 'ignore' });" +
  " process.stdout.write(String(c.pid)); process.on('SIGTERM', () => { c.kill(); process.exit(); });";

describe('dataFolderHolder', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'pg-lock-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is nobody when PostgreSQL left no postmaster.pid, or one naming a process that is gone', () => {
    expect(dataFolderHolder(dir)).toBeNull();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(dir, 'postmaster.pid'), `${gone.stdout}\n${dir}\n`);
    expect(dataFolderHolder(dir)).toBeNull();
  });

  it('names the live PostgreSQL and, on Linux, the process that started it', async () => {
    // A node process ("the emulator") with a child that stands in for PostgreSQL.
    const owner = spawn(process.execPath, ['-e', OWNER, 'owner-marker'], { stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const childPid = Number(await new Promise<string>((done) => owner.stdout.once('data', (d) => done(String(d)))));
      writeFileSync(join(dir, 'postmaster.pid'), `${childPid}\n${dir}\n1796073750\n5432\n`);
      const holder = dataFolderHolder(dir)!;
      expect(holder.postgresPid).toBe(childPid);
      if (process.platform === 'linux') {
        expect(holder.ownerPid).toBe(owner.pid);
        expect(holder.ownerCommand).toBe(`${process.execPath} -e ${OWNER} owner-marker`);
      }
    } finally {
      owner.kill('SIGTERM');
    }
    expect(dataFolderInUse('/x/.data/postgres', { postgresPid: 12, ownerPid: 11, ownerCommand: 'node dist/src/main.js' })).toBe(
      'The embedded PostgreSQL data folder /x/.data/postgres is in use by PostgreSQL (PID 12), started by process 11 (node dist/src/main.js): ' +
        'another emulator runs from this folder. Stop it (kill 11), or give this one its own folder with EMBEDDED_PG_DIR, or a PostgreSQL of its own with DATABASE_URL.',
    );
  });
});
