import { Pool } from 'pg';
import { createTestInfra } from '../../test/support/test-infra';
import { emitSteadily, percentiles, sleep } from './measure';

export interface CommitFigures {
  rate: number;
  seconds: number;
  /** Each commit waits for the WAL to reach the disk, as the outbox's does (its events are accepted only then). */
  durable: CommitLatency;
  /** The same statements with synchronous_commit off: the commit returns before the disk has them. */
  noFlush: CommitLatency;
}

interface CommitLatency {
  commits: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  over20Ms: number;
}

/**
 * `commit`: the floor under every latency figure that goes through the outbox. One-row INSERTs,
 * each its own transaction, at a steady rate over a pool of four connections (the outbox's four
 * flushes), on a database of its own: emit to committed, once durable and once without waiting for
 * the WAL flush. On this machine kind the disk's flush stalls now and then for tens to hundreds of
 * milliseconds; every commit waiting at that moment waits with it.
 */
export async function benchCommit(opts: { rate: number; seconds: number }): Promise<CommitFigures> {
  const infra = await createTestInfra();
  // Each run its own pool, so every connection has the run's setting.
  const pool = (durable: boolean) => new Pool({ connectionString: infra.databaseUrl, max: 4, options: `-c synchronous_commit=${durable ? 'on' : 'off'}` });
  try {
    const setup = pool(true);
    await setup.query('CREATE TABLE commit_bench (id bigserial PRIMARY KEY, body text NOT NULL)');
    await setup.end();
    const body = 'x'.repeat(1000); // about an event's size
    const run = async (durable: boolean): Promise<CommitLatency> => {
      const connections = pool(durable);
      const count = opts.rate * opts.seconds;
      const latency = new Float64Array(count).fill(NaN);
      const done: Promise<unknown>[] = [];
      await emitSteadily(count, opts.rate, (index, at) => {
        done.push(
          connections.query('INSERT INTO commit_bench (body) VALUES ($1)', [body]).then(() => {
            latency[index] = performance.timeOrigin + performance.now() - at;
          }),
        );
      });
      await Promise.all(done);
      await connections.end();
      const { p50Ms, p99Ms } = percentiles(latency);
      return { commits: count, p50Ms, p99Ms, maxMs: Math.round(Math.max(...latency) * 100) / 100, over20Ms: latency.filter((l) => l > 20).length };
    };
    const durable = await run(true);
    await sleep(500);
    const noFlush = await run(false);
    return { rate: opts.rate, seconds: opts.seconds, durable, noFlush };
  } finally {
    await infra.drop();
  }
}

if (require.main === module) {
  benchCommit({ rate: 500, seconds: 10 }).then((f) => console.log(JSON.stringify(f)));
}
