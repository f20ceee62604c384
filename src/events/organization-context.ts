import type { DataSource } from 'typeorm';
import type { SampleContext } from '../catalog/sample-values';
import { OrganizationEntity, OrgUserEntity, ServiceQueueEntity } from '../organization/organization.entities';

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/**
 * The stored organisation's entities that an event's given values name (a queue by QueueId,
 * QueueName or QueueNumber; a user by UserId, UserName/Username or UserNumber), so values left to
 * fill reuse their ids, names and numbers instead of random ones. Nothing named: an empty context.
 */
export async function organizationContext(dataSource: DataSource, values: Record<string, unknown>): Promise<SampleContext> {
  const queueRef = { id: text(values.QueueId), name: text(values.QueueName), number: text(values.QueueNumber) };
  const userRef = { id: text(values.UserId), name: text(values.UserName) ?? text(values.Username), number: text(values.UserNumber) };
  if (!Object.values(queueRef).some(Boolean) && !Object.values(userRef).some(Boolean)) return {};
  const organization = await dataSource.getRepository(OrganizationEntity).findOne({ where: {}, order: { createdAt: 'ASC' } });
  if (!organization) return {};
  const [queues, users] = await Promise.all([
    dataSource.getRepository(ServiceQueueEntity).find({ where: { organizationId: organization.id } }),
    dataSource.getRepository(OrgUserEntity).find({ where: { organizationId: organization.id } }),
  ]);
  const lower = (v: string | undefined) => v?.toLowerCase();
  const queue = queues.find((q) => lower(q.id) === lower(queueRef.id) || lower(q.name) === lower(queueRef.name) || q.number === queueRef.number);
  const user = users.find((u) => lower(u.id) === lower(userRef.id) || lower(u.userName) === lower(userRef.name) || u.number === userRef.number);
  if (!queue && !user) return {};
  return {
    organizationId: organization.id,
    ...(queue ? { queueId: queue.id, queueName: queue.name, queueNumber: queue.number } : {}),
    ...(user ? { userId: user.id, userName: user.userName, userNumber: user.number } : {}),
  };
}
