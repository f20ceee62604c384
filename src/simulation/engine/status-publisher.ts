import type { CallRegistry } from './call-registry';
import type { EventSink, RandomStreams } from './event-sink';
import type { OrganizationModel } from './organization-model';
import { queueStatusKey, queueStatusValues } from './queue-status';
import type { SimulationClock } from './scheduler';
import { userStatusKey, userStatusValues } from './user-status';

/**
 * Emits UserStatus and QueueStatus when, and only when, their values change. Flows mark what they
 * touched and call flush() at the end of each step, so a status event follows the call event that
 * changed it. The state at construction is the baseline and is not emitted.
 */
export class StatusPublisher {
  private readonly lastUser = new Map<string, string>();
  private readonly lastQueue = new Map<string, string>();
  private readonly dirtyUsers = new Set<string>();
  private readonly dirtyQueues = new Set<string>();

  constructor(
    private readonly model: OrganizationModel,
    private readonly calls: CallRegistry,
    private readonly clock: SimulationClock,
    private readonly sink: EventSink,
    private readonly streams: (label: string) => RandomStreams,
  ) {
    for (const user of model.userList) this.lastUser.set(user.id, userStatusKey(userStatusValues(model, user)));
    for (const queue of model.queueList) this.lastQueue.set(queue.id, queueStatusKey(queueStatusValues(model, calls, queue, clock.nowMs())));
  }

  /** The user's status, and the counters of every queue the user is attached to, may have changed. */
  touchUser(userId: string): void {
    this.dirtyUsers.add(userId);
    for (const queue of this.model.queuesOf(userId)) this.dirtyQueues.add(queue.id);
  }

  touchQueue(queueId: string): void {
    this.dirtyQueues.add(queueId);
  }

  flush(): void {
    for (const userId of this.dirtyUsers) {
      const user = this.model.findUser(userId);
      if (!user) continue;
      const values = userStatusValues(this.model, user);
      const key = userStatusKey(values);
      if (this.lastUser.get(userId) === key) continue;
      this.lastUser.set(userId, key);
      this.sink.emit('UserStatus', values, this.streams(`user:${userId}`));
    }
    this.dirtyUsers.clear();
    const nowMs = this.clock.nowMs();
    for (const queueId of this.dirtyQueues) {
      const queue = this.model.findQueue(queueId);
      if (!queue) continue;
      const values = queueStatusValues(this.model, this.calls, queue, nowMs);
      const key = queueStatusKey(values);
      if (this.lastQueue.get(queueId) === key) continue;
      this.lastQueue.set(queueId, key);
      this.sink.emit('QueueStatus', values, this.streams(`queue:${queueId}`));
    }
    this.dirtyQueues.clear();
  }
}
