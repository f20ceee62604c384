import type { RedisClient } from '../redis/redis-connection';

/** Longer than ABP's 2-day job time-out, so a counter outlives every series of retries. */
const KEEP_MS = 3 * 24 * 3600 * 1000;

// INCR, raised to the floor when the counter is behind (lost with a Redis flush), kept for KEEP_MS.
const NEXT = `local n = redis.call('INCR', KEYS[1])
local floor = tonumber(ARGV[1])
if n < floor then n = floor; redis.call('SET', KEYS[1], n) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return n`;

/**
 * The envelope's `Attempt`: this event's send number to this webhook, retries and resends alike,
 * counted atomically in Redis before the request is built (the delivery log is written after the
 * attempt, in batches, so it cannot number the body). The floor is what PostgreSQL and the job know
 * (attempts already scheduled or logged), so a lost counter never numbers an attempt twice lower.
 */
export class LandisAttemptCounter {
  constructor(
    private readonly redis: RedisClient,
    /** The hash-tagged key prefix (keyPrefix): one key per script, beside the queue's on a cluster. */
    private readonly prefix: string,
  ) {}

  async next(deliveryId: string, floor: number): Promise<number> {
    return Number(await this.redis.eval(NEXT, 1, `${this.prefix}:landis-attempt:${deliveryId}`, String(floor), String(KEEP_MS)));
  }
}
