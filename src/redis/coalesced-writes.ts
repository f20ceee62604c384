import type Redis from 'ioredis';
import type { Socket } from 'node:net';

/**
 * Gathers the commands written to a connection during one turn of the event loop into one
 * socket write: many jobs finishing in the same turn then cost one syscall, not one each.
 * (ioredis auto-pipelining does the same with a Pipeline object per turn, whose garbage cost
 * more than the writes it saved.)
 */
export function coalesceWrites(redis: Redis): Redis {
  redis.on('connect', () => {
    const socket = redis.stream as Socket;
    const write = socket.write;
    let corked = false;
    const uncork = () => {
      corked = false;
      socket.uncork();
    };
    socket.write = function (this: Socket, ...args: unknown[]) {
      if (!corked) {
        corked = true;
        socket.cork();
        setImmediate(uncork);
      }
      return (write as (...a: unknown[]) => boolean).apply(this, args);
    } as Socket['write'];
  });
  return redis;
}
