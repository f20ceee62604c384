import Redis, { Cluster, type RedisOptions } from 'ioredis';
import type { AppConfig } from '../config/app-config';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

/** A standalone Redis or a Redis Cluster: the commands the service sends work on both. */
export type RedisClient = Redis | Cluster;

/**
 * The key prefix of the queues and every other key the service writes: REDIS_PREFIX as a hash tag,
 * so on a Redis Cluster all of them hash to one slot. BullMQ's scripts touch several keys of a queue
 * at once (and the parked sets sit beside them), which a cluster refuses across slots (CROSSSLOT).
 * A standalone Redis ignores the braces.
 */
export function keyPrefix(prefix: string): string {
  return `{${prefix}}`;
}

export function redisUrl(config: AppConfig): string {
  return config.redis.url ?? DEFAULT_REDIS_URL;
}

/**
 * A new connection with these options: to the cluster of REDIS_CLUSTER_NODES when set, otherwise
 * to REDIS_URL. Options apply to every node of a cluster; `enableOfflineQueue` also to the cluster.
 */
export function createRedis(config: AppConfig, options: RedisOptions = {}): RedisClient {
  const nodes = config.redis.clusterNodes;
  if (!nodes.length) return new Redis(redisUrl(config), options);
  return new Cluster(nodes, {
    redisOptions: options,
    enableOfflineQueue: options.enableOfflineQueue ?? true,
    // BullMQ's blocking commands go to the node of the queue's slot; a moved slot is followed.
    enableReadyCheck: true,
  });
}
