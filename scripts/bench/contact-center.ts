import type { DataSource } from 'typeorm';
import { SeededRandom } from '../../src/common/seeded-random';
import { CallListEntity, OrganizationEntity, OrgUserEntity, ServiceQueueEntity } from '../../src/organization/organization.entities';

/**
 * A seeded contact centre for the simulation bench: `agents` users in `queues` queues of equal
 * size, each agent also the second line of the next queue, every queue overflowing into one
 * call list whose callbacks any agent may take. Written straight to the tables, as the demo
 * organisation is; the simulation reads it at its next reset.
 */
export async function storeContactCenter(db: DataSource, opts: { agents: number; queues: number; seed: string }): Promise<void> {
  const rng = new SeededRandom(opts.seed);
  const organizationId = rng.uuid();
  const users = Array.from({ length: opts.agents }, (_, i) => ({
    id: rng.uuid(),
    organizationId,
    userName: `agent${String(i + 1).padStart(3, '0')}@bench.example`,
    number: `+35840${String(2_000_000 + i).padStart(7, '0')}`,
    availability: 'Available' as const,
  }));
  const callListId = rng.uuid();
  const perQueue = Math.ceil(opts.agents / opts.queues);
  const group = (q: number) => users.slice((q % opts.queues) * perQueue, (q % opts.queues) * perQueue + perQueue);
  await db.transaction(async (em) => {
    await em.insert(OrganizationEntity, { id: organizationId, name: 'Bench Contact Centre Oy' });
    await em.insert(OrgUserEntity, users);
    await em.insert(CallListEntity, { id: callListId, organizationId, name: 'Callbacks', isAutoAllocate: true, attachedUserIds: users.map((u) => u.id) });
    await em.insert(
      ServiceQueueEntity,
      Array.from({ length: opts.queues }, (_, q) => ({
        id: rng.uuid(),
        organizationId,
        name: `Queue ${q + 1}`,
        number: `+35810${String(3_000_000 + q).padStart(7, '0')}`,
        attachedUsers: [
          ...group(q).map((u, i) => ({ userId: u.id, priority: i % 3, active: true })),
          ...group(q + 1).map((u) => ({ userId: u.id, priority: 5, active: true })),
        ],
        wrapUpSeconds: 15,
        maxWaitSeconds: 180,
        priority: 0,
        overflowTarget: { kind: 'callList' as const, target: callListId },
      })),
    );
  });
}
