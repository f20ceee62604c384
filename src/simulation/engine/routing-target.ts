import { SeededRandom } from '../../common/seeded-random';
import type { OverflowTarget } from './organization-data';
import type { OrganizationModel, SimCallList, SimQueue, SimUser } from './organization-model';

/** A routing target resolved against the organisation: where a call can be sent next. */
export type ResolvedTarget =
  | { type: 'queue'; queue: SimQueue }
  | { type: 'user'; user: SimUser }
  | { type: 'external'; number: string }
  | { type: 'callList'; callList: SimCallList }
  | { type: 'disconnect' };

export const DISCONNECT_TARGET = 'DISCONNECT:';

const PHONE_NUMBER = /^\+?[0-9][0-9 ()-]{2,}$/;

/**
 * A SmartRouting target string: "DISCONNECT:", a queue (id or number), a user (id or username),
 * a call list id, a user's number, or else an external phone number. Queue numbers win over user
 * numbers because the SmartRouting examples route to queues by number. Null: nothing matches.
 */
export function resolveTargetText(model: OrganizationModel, text: string): ResolvedTarget | null {
  const trimmed = text.trim();
  if (trimmed.toUpperCase() === DISCONNECT_TARGET) return { type: 'disconnect' };
  const queue = model.findQueue(trimmed);
  if (queue) return { type: 'queue', queue };
  const user = model.findUser(trimmed);
  if (user) return { type: 'user', user };
  const callList = model.findCallList(trimmed);
  if (callList) return { type: 'callList', callList };
  const byNumber = model.findUserByNumber(trimmed);
  if (byNumber) return { type: 'user', user: byNumber };
  return PHONE_NUMBER.test(trimmed) ? { type: 'external', number: trimmed.replace(/[\s()-]/g, '') } : null;
}

/** A configured overflow target; the model guarantees it exists. */
export function resolveOverflowTarget(model: OrganizationModel, target: OverflowTarget | null | undefined): ResolvedTarget | null {
  if (!target) return null;
  switch (target.type) {
    case 'queue': {
      const queue = model.findQueue(target.queueId);
      return queue ? { type: 'queue', queue } : null;
    }
    case 'user': {
      const user = model.findUser(target.userId);
      return user ? { type: 'user', user } : null;
    }
    case 'callList': {
      const callList = model.findCallList(target.callListId);
      return callList ? { type: 'callList', callList } : null;
    }
    case 'external':
      return { type: 'external', number: target.number };
  }
}

/** How payloads name a target (TransferTarget, ConnectedTarget, Target): "Guid or phone number". */
export function targetRef(target: ResolvedTarget): string {
  switch (target.type) {
    case 'queue':
      return target.queue.id;
    case 'user':
      return target.user.id;
    case 'callList':
      return target.callList.id;
    case 'external':
      return target.number;
    case 'disconnect':
      return DISCONNECT_TARGET;
  }
}

const personalQueues = new Map<string, { id: string; name: string }>();

/**
 * The technical queue behind a user's own number (TechQueueId on User* overflow and transfer
 * events). The model has no such entity, so its id is derived from the user id: stable across
 * runs and processes.
 */
export function personalQueue(user: SimUser): { id: string; name: string } {
  let queue = personalQueues.get(user.id);
  if (!queue) {
    queue = { id: new SeededRandom(`personal-queue:${user.id}`).uuid(), name: `Personal queue ${user.userName}` };
    personalQueues.set(user.id, queue);
  }
  return queue;
}
