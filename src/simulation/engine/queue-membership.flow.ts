import type { QueueAttachment } from './organization-data';
import type { SimQueue } from './organization-model';
import type { SimContext } from './sim-context';

/** QueueAttachedUsers with the whole new list, then status changes of everyone who left or joined. */
export class QueueMembershipFlow {
  constructor(private readonly ctx: SimContext) {}

  set(queue: SimQueue, attachments: QueueAttachment[]): void {
    const { ctx } = this;
    const before = queue.attachedUsers.map((a) => a.userId);
    ctx.model.setAttachedUsers(queue.id, attachments);
    ctx.sink.emit(
      'QueueAttachedUsers',
      { AttachedUsers: queue.attachedUsers.map((a) => ({ Active: a.active, Priority: a.priority, UserId: a.userId })), QueueId: queue.id },
      ctx.streams(`queue:${queue.id}`),
    );
    for (const userId of new Set([...before, ...attachments.map((a) => a.userId)])) ctx.status.touchUser(userId);
    ctx.status.touchQueue(queue.id);
    ctx.status.flush();
  }
}
