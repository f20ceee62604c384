import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A live PostgreSQL that holds an embedded data folder, and the process that started it. */
export interface DataFolderHolder {
  postgresPid: number;
  /** The parent of that PostgreSQL (the emulator that started it), where /proc tells. */
  ownerPid: number | null;
  ownerCommand: string | null;
}

/** Whether a process with this PID exists. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to another user (PostgreSQL runs as its own user under root).
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readProc(pid: number, file: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${file}`, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Who holds `dataDir`: PostgreSQL writes its PID on the first line of `postmaster.pid` and removes
 * the file when it stops; a file left by a crash names a dead PID, which PostgreSQL itself clears.
 */
export function dataFolderHolder(dataDir: string): DataFolderHolder | null {
  const lock = join(dataDir, 'postmaster.pid');
  if (!existsSync(lock)) return null;
  const postgresPid = Number(readFileSync(lock, 'utf8').split('\n')[0]);
  if (!Number.isInteger(postgresPid) || postgresPid <= 0 || !processAlive(postgresPid)) return null;
  // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ')'.
  const stat = readProc(postgresPid, 'stat');
  const ownerPid = stat ? Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) : null;
  const cmdline = ownerPid ? readProc(ownerPid, 'cmdline') : null;
  return { postgresPid, ownerPid: ownerPid || null, ownerCommand: cmdline ? cmdline.split('\0').filter(Boolean).join(' ') : null };
}

/** The error a second start in the same checkout gets: which folder, which processes, what to do. */
export function dataFolderInUse(dataDir: string, holder: DataFolderHolder): string {
  const owner = holder.ownerPid ? `, started by process ${holder.ownerPid}${holder.ownerCommand ? ` (${holder.ownerCommand})` : ''}` : '';
  const stop = holder.ownerPid ?? holder.postgresPid;
  return (
    `The embedded PostgreSQL data folder ${dataDir} is in use by PostgreSQL (PID ${holder.postgresPid})${owner}: ` +
    `another emulator runs from this folder. Stop it (kill ${stop}), or give this one its own folder with ` +
    'EMBEDDED_PG_DIR, or a PostgreSQL of its own with DATABASE_URL.'
  );
}
