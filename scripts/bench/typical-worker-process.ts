import axios from 'axios';
import { Worker } from 'bullmq';
import { Agent } from 'node:https';
import Redis from 'ioredis';
import { Pool } from 'pg';

/**
 * The reference a naive design sets, rebuilt to run beside the emulator on the same machine: a typical BullMQ
 * worker that POSTs each job's payload with axios (defaults, keep-alive) and inserts one attempt
 * row per POST into PostgreSQL. Its figures in the same bench run make ours comparable across
 * machines. Configured by environment; prints 'ready' once it is waiting for jobs.
 */
async function main(): Promise<void> {
  const env = (name: string) => process.env[name] ?? '';
  const pool = new Pool({ connectionString: env('DATABASE_URL'), max: 10 });
  await pool.query(`CREATE TABLE IF NOT EXISTS typical_attempts (
    id bigserial PRIMARY KEY, job_id text NOT NULL, status_code int, duration_ms real NOT NULL, created_at timestamptz NOT NULL DEFAULT now())`);
  const httpsAgent = new Agent({ keepAlive: true, rejectUnauthorized: false });
  const connection = new Redis(env('REDIS_URL'), { maxRetriesPerRequest: null });
  const worker = new Worker(
    env('QUEUE'),
    async (job) => {
      const started = performance.now();
      const res = await axios.post(env('RECEIVER_URL'), job.data, {
        httpsAgent,
        headers: { 'X-Benemen-Event': job.name },
        validateStatus: () => true,
      });
      await pool.query('INSERT INTO typical_attempts (job_id, status_code, duration_ms) VALUES ($1, $2, $3)', [
        job.id,
        res.status,
        performance.now() - started,
      ]);
      if (res.status !== 200) throw new Error(`status ${res.status}`);
    },
    { connection, prefix: env('REDIS_PREFIX'), concurrency: Number(env('CONCURRENCY')) },
  );
  await worker.waitUntilReady();
  process.stdout.write('ready\n');
  process.on('SIGTERM', () => {
    void worker
      .close()
      .then(() => pool.end())
      .then(() => connection.quit())
      .then(() => process.exit(0));
  });
}

void main();
