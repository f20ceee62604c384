import Redis from 'ioredis';
import type { Socket } from 'node:net';
import { randomBytes } from 'node:crypto';
import { coalesceWrites } from '../src/redis/coalesced-writes';
import { testRedisUrl } from './support/test-infra';

/** Counts what reaches the socket's underlying write calls (one per write or writev). */
function countSocketWrites(socket: Socket): () => number {
  let writes = 0;
  const s = socket as unknown as { _write: (...a: unknown[]) => void; _writev: (...a: unknown[]) => void };
  const write = s._write;
  const writev = s._writev;
  s._write = function (this: unknown, ...a: unknown[]) {
    writes++;
    return write.apply(this, a);
  };
  s._writev = function (this: unknown, ...a: unknown[]) {
    writes++;
    return writev.apply(this, a);
  };
  return () => writes;
}

describe('coalesceWrites (real Redis)', () => {
  const key = `coalesce-test-${randomBytes(4).toString('hex')}`;
  let redis: Redis;

  beforeEach(async () => {
    redis = coalesceWrites(new Redis(testRedisUrl(), { maxRetriesPerRequest: null }));
    await redis.ping();
  });
  afterEach(async () => {
    await redis.del(key);
    await redis.quit();
  });

  it('sends the commands of one turn in one write, with every reply in order', async () => {
    const writes = countSocketWrites(redis.stream as Socket);
    const replies = await Promise.all(Array.from({ length: 200 }, () => redis.incr(key)));
    expect(replies).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
    expect(writes()).toBe(1);
  });

  it('keeps working across turns and after the server drops the connection', async () => {
    expect(await redis.incr(key)).toBe(1);
    await new Promise((r) => setImmediate(r));
    expect(await redis.incr(key)).toBe(2);
    const id = await redis.client('ID');
    const admin = new Redis(testRedisUrl());
    await admin.client('KILL', 'ID', String(id));
    await admin.quit();
    // ioredis reconnects; the new socket is coalesced too.
    const replies = await Promise.all([redis.incr(key), redis.incr(key), redis.incr(key)]);
    expect(replies).toEqual([3, 4, 5]);
    const writes = countSocketWrites(redis.stream as Socket);
    await Promise.all([redis.incr(key), redis.incr(key)]);
    expect(writes()).toBe(1);
  });
});
