import { ValidationProblem } from '../common/errors/domain-errors';

/**
 * A user serves a queue once: listed twice, they would be counted twice in the queue's agent
 * counters (QueueStatus NbrOfAgentsCheckedInQueue) and offered its calls as two agents.
 */
export function refuseListedTwice(list: readonly { UserId: string }[]): void {
  const seen = new Map<string, number>();
  const problems: string[] = [];
  list.forEach((a, i) => {
    const first = seen.get(a.UserId);
    if (first !== undefined) problems.push(`AttachedUsers[${i}].UserId: user ${a.UserId} is already listed at AttachedUsers[${first}]`);
    else seen.set(a.UserId, i);
  });
  if (problems.length) throw new ValidationProblem(problems);
}
