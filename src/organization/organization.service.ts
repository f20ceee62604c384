import { Injectable } from '@nestjs/common';
import { refuseListedTwice } from './attached-users-rules';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { Subject } from 'rxjs';
import { GUID_PATTERN } from '../catalog/value-rules';
import { PHONE_NUMBER } from '../common/phone-number';
import { DataSource, type EntityManager } from 'typeorm';
import type {
  AttachedUserDto,
  CallListDto,
  IvrDto,
  OverflowTargetDto,
  QueueDto,
  UpdateCallListDto,
  UpdateIvrDto,
  UpdateQueueDto,
  UpdateUserDto,
  UserDto,
} from './dto/organization.dto';
import {
  CallListEntity,
  IvrEntity,
  OrganizationEntity,
  OrgUserEntity,
  ServiceQueueEntity,
  type AttachedUser,
  type OverflowTarget,
} from './organization.entities';
import { presentCallList, presentOrganization, presentQueue, presentUser } from './organization.presenter';
import { ivrReferences, presentIvr, toIvrBlocks } from './ivr.mapper';
import { ivrProblems, ouPathProblem } from '../common/ivr-rules';
import { uniqueViolation } from '../common/errors/database-errors';
import { ConflictError, NotFoundError, ValidationProblem } from '../common/errors/domain-errors';

const NO_ID = '00000000-0000-0000-0000-000000000000';
/** PostgreSQL advisory lock held by one change of the organisation at a time (any process). */
const ORGANIZATION_CHANGE_LOCK = 7_144_135_716_252;
const duplicateUserName = (userName?: string) => `UserName: a user named ${userName} exists already (names are compared regardless of case)`;
const duplicateUserNumber = (number?: string) => `Number: a user with number ${number} exists already`;
const duplicateQueueNumber = (number?: string) => `Number: a queue with number ${number} exists already`;
const duplicateIvrNumber = (number?: string) => `Number: an IVR with number ${number} exists already`;

function checkOuPath(ouPath: string | null): string | null {
  const problem = ouPathProblem('OuPath', ouPath);
  if (problem) throw new ValidationProblem(problem);
  return ouPath;
}

/** Saves, turning a unique index's refusal (a concurrent duplicate) into a 409 with the index's message. */
async function saveUnique<T>(save: () => Promise<T>, messages: Record<string, string>): Promise<T> {
  try {
    return await save();
  } catch (e) {
    const constraint = uniqueViolation(e);
    if (constraint && messages[constraint]) throw new ConflictError(messages[constraint]);
    throw e;
  }
}

export interface OrganizationSnapshot {
  organization: OrganizationEntity;
  users: OrgUserEntity[];
  queues: ServiceQueueEntity[];
  callLists: CallListEntity[];
  ivrs: IvrEntity[];
}

/** The simulated organisation (one per emulator): its users, service queues and call lists. */
@Injectable()
export class OrganizationService {
  /** Fires after every change, so the simulation can take the new model. */
  readonly changes = new Subject<void>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async snapshot(em: EntityManager = this.dataSource.manager): Promise<OrganizationSnapshot | null> {
    const organization = await em.getRepository(OrganizationEntity).findOne({ where: {}, order: { createdAt: 'ASC' } });
    if (!organization) return null;
    const where = { organizationId: organization.id };
    const reads = [
      () => em.getRepository(OrgUserEntity).find({ where, order: { createdAt: 'ASC', userName: 'ASC' } }),
      () => em.getRepository(ServiceQueueEntity).find({ where, order: { createdAt: 'ASC', name: 'ASC' } }),
      () => em.getRepository(CallListEntity).find({ where, order: { createdAt: 'ASC', name: 'ASC' } }),
      () => em.getRepository(IvrEntity).find({ where, order: { createdAt: 'ASC', name: 'ASC' } }),
    ] as const;
    // A transaction's reads share its one connection, where pg wants one query at a time.
    const [users, queues, callLists, ivrs] = em.queryRunner
      ? [await reads[0](), await reads[1](), await reads[2](), await reads[3]()]
      : await Promise.all([reads[0](), reads[1](), reads[2](), reads[3]()]);
    return { organization, users, queues, callLists, ivrs };
  }

  async describe() {
    const s = await this.requireSnapshot(this.dataSource.manager);
    return {
      ...presentOrganization(s.organization),
      Users: s.users.map(presentUser),
      Queues: s.queues.map(presentQueue),
      CallLists: s.callLists.map(presentCallList),
      Ivrs: s.ivrs.map(presentIvr),
    };
  }

  async rename(name: string) {
    await this.change(async (em) => {
      const org = await this.ensureOrganization(em, name);
      await em.getRepository(OrganizationEntity).update({ id: org.id }, { name });
    });
    return this.describe();
  }

  // Users
  async listUsers() {
    return (await this.requireSnapshot(this.dataSource.manager)).users.map(presentUser);
  }

  async createUser(dto: UserDto) {
    const user = await this.change(async (em) => {
      const org = await this.ensureOrganization(em, 'Emulated organisation');
      await this.refuseDuplicateUser(em, dto.UserName, dto.Number);
      return this.saveUser(em, {
        id: randomUUID(),
        organizationId: org.id,
        userName: dto.UserName,
        number: dto.Number,
        availability: dto.Availability ?? 'Available',
        overflowTarget: await this.checkOverflow(em, dto.OverflowTarget ?? null),
        serviceTerminals: dto.ServiceTerminals ?? 1,
        forwardAll: dto.ForwardAll ?? false,
      });
    });
    return presentUser(user);
  }

  async getUser(id: string) {
    return presentUser(await this.findUser(this.dataSource.manager, id));
  }

  async updateUser(id: string, dto: UpdateUserDto) {
    const saved = await this.change(async (em) => {
      const user = await this.findUser(em, id);
      await this.refuseDuplicateUser(em, dto.UserName, dto.Number, id);
      return this.saveUser(em, {
        ...user,
        userName: dto.UserName ?? user.userName,
        number: dto.Number ?? user.number,
        availability: dto.Availability ?? user.availability,
        overflowTarget: dto.OverflowTarget !== undefined ? await this.checkOverflow(em, dto.OverflowTarget, id) : user.overflowTarget,
        serviceTerminals: dto.ServiceTerminals ?? user.serviceTerminals,
        forwardAll: dto.ForwardAll ?? user.forwardAll,
      });
    });
    return presentUser(saved);
  }

  async deleteUser(id: string): Promise<void> {
    await this.change(async (em) => {
      await this.findUser(em, id);
      const s = await this.requireSnapshot(em);
      const inQueue = s.queues.find((q) => q.attachedUsers.some((a) => a.userId === id));
      if (inQueue) throw new ConflictError(`User ${id} is attached to queue "${inQueue.name}" (${inQueue.id}); detach it first`);
      const inList = s.callLists.find((c) => c.attachedUserIds.includes(id));
      if (inList) throw new ConflictError(`User ${id} is attached to call list "${inList.name}" (${inList.id}); detach it first`);
      this.refuseOverflowTarget(s, 'user', id);
      this.refuseIvrTarget(s, 'user', id);
      await em.getRepository(OrgUserEntity).delete({ id });
    });
  }

  // Queues
  async listQueues() {
    return (await this.requireSnapshot(this.dataSource.manager)).queues.map(presentQueue);
  }

  async createQueue(dto: QueueDto) {
    const queue = await this.change(async (em) => {
      const org = await this.ensureOrganization(em, 'Emulated organisation');
      await this.refuseDuplicateQueueNumber(em, dto.Number);
      const created: ServiceQueueEntity = Object.assign(new ServiceQueueEntity(), {
        id: randomUUID(),
        organizationId: org.id,
        name: dto.Name,
        number: dto.Number,
        attachedUsers: await this.checkAttached(em, dto.AttachedUsers ?? []),
        wrapUpSeconds: dto.WrapUpSeconds ?? 30,
        maxWaitSeconds: dto.MaxWaitSeconds ?? 120,
        priority: dto.Priority ?? 0,
        overflowTarget: await this.checkOverflow(em, dto.OverflowTarget ?? null),
        openStatus: dto.OpenStatus ?? 5,
        ouPath: checkOuPath(dto.OuPath ?? null),
        serviceLevelSeconds: dto.ServiceLevelSeconds ?? 20,
      });
      await this.saveQueue(em, created);
      return created;
    });
    return presentQueue(queue);
  }

  async getQueue(id: string) {
    return presentQueue(await this.findQueue(this.dataSource.manager, id));
  }

  async updateQueue(id: string, dto: UpdateQueueDto) {
    const saved = await this.change(async (em) => {
      const queue = await this.findQueue(em, id);
      await this.refuseDuplicateQueueNumber(em, dto.Number, id);
      return this.saveQueue(em, {
        ...queue,
        name: dto.Name ?? queue.name,
        number: dto.Number ?? queue.number,
        attachedUsers: dto.AttachedUsers ? await this.checkAttached(em, dto.AttachedUsers) : queue.attachedUsers,
        wrapUpSeconds: dto.WrapUpSeconds ?? queue.wrapUpSeconds,
        maxWaitSeconds: dto.MaxWaitSeconds ?? queue.maxWaitSeconds,
        priority: dto.Priority ?? queue.priority,
        overflowTarget: dto.OverflowTarget !== undefined ? await this.checkOverflow(em, dto.OverflowTarget, id) : queue.overflowTarget,
        openStatus: dto.OpenStatus ?? queue.openStatus,
        ouPath: dto.OuPath !== undefined ? checkOuPath(dto.OuPath) : queue.ouPath,
        serviceLevelSeconds: dto.ServiceLevelSeconds ?? queue.serviceLevelSeconds,
      });
    });
    return presentQueue(saved);
  }

  /**
   * Stores who serves the queue, as the simulation already applied it (QueueAttachedUsers): no
   * change notice, so the running simulation is not rebuilt for its own command.
   */
  async storeAttachedUsers(id: string, attached: AttachedUserDto[]) {
    const saved = await this.change(async (em) => {
      const queue = await this.findQueue(em, id);
      return em.getRepository(ServiceQueueEntity).save({ ...queue, attachedUsers: await this.checkAttached(em, attached) });
    }, false);
    return presentQueue(saved);
  }

  async deleteQueue(id: string): Promise<void> {
    await this.change(async (em) => {
      await this.findQueue(em, id);
      const s = await this.requireSnapshot(em);
      this.refuseOverflowTarget(s, 'queue', id);
      this.refuseIvrTarget(s, 'queue', id);
      await em.getRepository(ServiceQueueEntity).delete({ id });
    });
  }

  // Call lists
  async listCallLists() {
    return (await this.requireSnapshot(this.dataSource.manager)).callLists.map(presentCallList);
  }

  async createCallList(dto: CallListDto) {
    const list = await this.change(async (em) => {
      const org = await this.ensureOrganization(em, 'Emulated organisation');
      await this.checkUsers(em, dto.AttachedUserIds ?? [], 'AttachedUserIds');
      return em.getRepository(CallListEntity).save({
        id: randomUUID(),
        organizationId: org.id,
        name: dto.Name,
        isAutoAllocate: dto.IsAutoAllocate ?? false,
        attachedUserIds: dto.AttachedUserIds ?? [],
      });
    });
    return presentCallList(list);
  }

  async getCallList(id: string) {
    return presentCallList(await this.findCallList(this.dataSource.manager, id));
  }

  async updateCallList(id: string, dto: UpdateCallListDto) {
    const saved = await this.change(async (em) => {
      const list = await this.findCallList(em, id);
      if (dto.AttachedUserIds) await this.checkUsers(em, dto.AttachedUserIds, 'AttachedUserIds');
      return em.getRepository(CallListEntity).save({
        ...list,
        name: dto.Name ?? list.name,
        isAutoAllocate: dto.IsAutoAllocate ?? list.isAutoAllocate,
        attachedUserIds: dto.AttachedUserIds ?? list.attachedUserIds,
      });
    });
    return presentCallList(saved);
  }

  async deleteCallList(id: string): Promise<void> {
    await this.change(async (em) => {
      await this.findCallList(em, id);
      this.refuseOverflowTarget(await this.requireSnapshot(em), 'callList', id);
      await em.getRepository(CallListEntity).delete({ id });
    });
  }

  // IVRs (Landis Contact Center)
  async listIvrs() {
    return (await this.requireSnapshot(this.dataSource.manager)).ivrs.map(presentIvr);
  }

  async createIvr(dto: IvrDto) {
    const ivr = await this.change(async (em) => {
      const org = await this.ensureOrganization(em, 'Emulated organisation');
      await this.refuseDuplicateIvrNumber(em, dto.Number);
      const created: IvrEntity = Object.assign(new IvrEntity(), {
        id: randomUUID(),
        organizationId: org.id,
        name: dto.Name,
        number: dto.Number,
        ouPath: dto.OuPath ?? null,
        blocks: toIvrBlocks(dto.Blocks),
      });
      await this.checkIvr(em, created);
      await this.saveIvr(em, created);
      return created;
    });
    return presentIvr(ivr);
  }

  async getIvr(id: string) {
    return presentIvr(await this.findIvr(this.dataSource.manager, id));
  }

  async updateIvr(id: string, dto: UpdateIvrDto) {
    const saved = await this.change(async (em) => {
      const ivr = await this.findIvr(em, id);
      await this.refuseDuplicateIvrNumber(em, dto.Number, id);
      const updated: IvrEntity = {
        ...ivr,
        name: dto.Name ?? ivr.name,
        number: dto.Number ?? ivr.number,
        ouPath: dto.OuPath !== undefined ? dto.OuPath : ivr.ouPath,
        blocks: dto.Blocks ? toIvrBlocks(dto.Blocks) : ivr.blocks,
      };
      await this.checkIvr(em, updated);
      return this.saveIvr(em, updated);
    });
    return presentIvr(saved);
  }

  async deleteIvr(id: string): Promise<void> {
    await this.change(async (em) => {
      await this.findIvr(em, id);
      this.refuseIvrTarget(await this.requireSnapshot(em), 'ivr', id);
      await em.getRepository(IvrEntity).delete({ id });
    });
  }

  /**
   * One change at a time, checks and write in one transaction: without it a PATCH could write back a
   * row a DELETE just removed, or point an OverflowTarget at a call list deleted meanwhile, and the
   * simulation could no longer be built from what is stored. `notify` false: the simulation made it.
   */
  private async change<T>(work: (em: EntityManager) => Promise<T>, notify = true): Promise<T> {
    const result = await this.dataSource.transaction(async (em) => {
      await em.query('SELECT pg_advisory_xact_lock($1)', [ORGANIZATION_CHANGE_LOCK]);
      return work(em);
    });
    if (notify) this.changes.next();
    return result;
  }

  private async ensureOrganization(em: EntityManager, name: string): Promise<OrganizationEntity> {
    const existing = await em.getRepository(OrganizationEntity).findOne({ where: {}, order: { createdAt: 'ASC' } });
    return existing ?? em.getRepository(OrganizationEntity).save({ id: randomUUID(), name });
  }

  private async findIvr(em: EntityManager, id: string) {
    const ivr = await em.getRepository(IvrEntity).findOneBy({ id });
    if (!ivr) throw new NotFoundError(`No IVR ${id}`);
    return ivr;
  }

  /** The engine's rules (blocks, targets that exist), so a stored IVR always simulates. */
  private async checkIvr(em: EntityManager, ivr: IvrEntity): Promise<void> {
    const s = await this.snapshot(em);
    const ids = (rows: { id: string }[] | undefined) => new Set((rows ?? []).map((r) => r.id));
    const [queues, users, ivrs] = [ids(s?.queues), ids(s?.users), ids(s?.ivrs)];
    const problems = ivrProblems(
      { id: ivr.id, name: ivr.name, number: ivr.number, ouPath: ivr.ouPath ?? undefined, blocks: ivr.blocks },
      { hasQueue: (id) => queues.has(id), hasUser: (id) => users.has(id), hasIvr: (id) => ivrs.has(id) },
    );
    if (problems.length) throw new ValidationProblem(problems);
  }

  private async refuseDuplicateIvrNumber(em: EntityManager, number: string | undefined, selfId?: string) {
    const found = number ? await em.getRepository(IvrEntity).findOneBy({ number }) : null;
    if (found && found.id !== selfId) throw new ConflictError(duplicateIvrNumber(number));
  }

  private async saveIvr(em: EntityManager, ivr: IvrEntity): Promise<IvrEntity> {
    return saveUnique(() => em.getRepository(IvrEntity).save(ivr), { ivrs_number_key: duplicateIvrNumber(ivr.number) });
  }

  /** An IVR that sends callers to the thing would send them nowhere. */
  private refuseIvrTarget(s: OrganizationSnapshot, kind: 'queue' | 'user' | 'ivr', id: string) {
    const pointsAt = (ivr: IvrEntity) =>
      ivrReferences(ivr.blocks).some(
        (n) =>
          (kind === 'queue' && n.type === 'queue' && n.queueId === id) ||
          (kind === 'user' && n.type === 'user' && n.userId === id) ||
          (kind === 'ivr' && n.type === 'ivr' && n.ivrId === id),
      );
    const from = s.ivrs.find((ivr) => ivr.id !== id && pointsAt(ivr));
    if (from) throw new ConflictError(`${kind} ${id} is a target of IVR "${from.name}" (${from.id}); change that IVR first`);
  }

  private async requireSnapshot(em: EntityManager): Promise<OrganizationSnapshot> {
    const s = await this.snapshot(em);
    if (!s) throw new NotFoundError('No organisation yet: create a user, queue or call list, or start with DEMO_ORGANIZATION=true');
    return s;
  }

  private async findUser(em: EntityManager, id: string) {
    const user = await em.getRepository(OrgUserEntity).findOneBy({ id });
    if (!user) throw new NotFoundError(`No user ${id}`);
    return user;
  }

  private async findQueue(em: EntityManager, id: string) {
    const queue = await em.getRepository(ServiceQueueEntity).findOneBy({ id });
    if (!queue) throw new NotFoundError(`No queue ${id}`);
    return queue;
  }

  private async findCallList(em: EntityManager, id: string) {
    const list = await em.getRepository(CallListEntity).findOneBy({ id });
    if (!list) throw new NotFoundError(`No call list ${id}`);
    return list;
  }

  /** UserName is unique regardless of case, as the simulation looks users up by it. */
  private async refuseDuplicateUser(em: EntityManager, userName: string | undefined, number: string | undefined, selfId?: string) {
    const others = () =>
      em
        .getRepository(OrgUserEntity)
        .createQueryBuilder('u')
        .where('u.id <> :selfId', { selfId: selfId ?? NO_ID });
    if (userName && (await others().andWhere('lower(u.user_name) = lower(:userName)', { userName }).getExists())) {
      throw new ConflictError(duplicateUserName(userName));
    }
    if (number && (await others().andWhere('u.number = :number', { number }).getExists())) throw new ConflictError(duplicateUserNumber(number));
  }

  /** The unique indexes decide between concurrent creates that both passed the checks above. */
  private async saveUser(em: EntityManager, user: Partial<OrgUserEntity>): Promise<OrgUserEntity> {
    return saveUnique(() => em.getRepository(OrgUserEntity).save(user), {
      org_users_user_name_key: duplicateUserName(user.userName),
      org_users_number_key: duplicateUserNumber(user.number),
    });
  }

  private async refuseDuplicateQueueNumber(em: EntityManager, number: string | undefined, selfId?: string) {
    const found = number ? await em.getRepository(ServiceQueueEntity).findOneBy({ number }) : null;
    if (found && found.id !== selfId) throw new ConflictError(duplicateQueueNumber(number));
  }

  private async saveQueue(em: EntityManager, queue: ServiceQueueEntity): Promise<ServiceQueueEntity> {
    return saveUnique(() => em.getRepository(ServiceQueueEntity).save(queue), { service_queues_number_key: duplicateQueueNumber(queue.number) });
  }

  /** A queue that overflows to the thing would send its calls nowhere: the simulation could not run. */
  private refuseOverflowTarget(s: OrganizationSnapshot, kind: OverflowTarget['kind'], id: string) {
    const from = s.queues.find((q) => q.id !== id && q.overflowTarget?.kind === kind && q.overflowTarget.target === id);
    if (from) throw new ConflictError(`${kind} ${id} is the OverflowTarget of queue "${from.name}" (${from.id}); change that queue first`);
  }

  private async checkUsers(em: EntityManager, ids: string[], field: string) {
    const known = new Set((await em.getRepository(OrgUserEntity).find()).map((u) => u.id));
    const missing = ids.filter((id) => !known.has(id));
    if (missing.length) throw new ValidationProblem(missing.map((id) => `${field}: no user ${id}`));
  }

  private async checkAttached(em: EntityManager, list: AttachedUserDto[]): Promise<AttachedUser[]> {
    refuseListedTwice(list);
    await this.checkUsers(
      em,
      list.map((a) => a.UserId),
      'AttachedUsers.UserId',
    );
    return list.map((a) => ({ userId: a.UserId, priority: a.Priority ?? 0, active: a.Active ?? true }));
  }

  private async checkOverflow(em: EntityManager, dto: OverflowTargetDto | null, selfId?: string): Promise<OverflowTarget | null> {
    if (!dto) return null;
    const repo = { queue: ServiceQueueEntity, user: OrgUserEntity, callList: CallListEntity } as const;
    if (dto.Kind === 'number') {
      if (!PHONE_NUMBER.test(dto.Target)) throw new ValidationProblem('OverflowTarget.Target must be a phone number for Kind "number"');
    } else {
      if (!GUID_PATTERN.test(dto.Target)) {
        throw new ValidationProblem(`OverflowTarget.Target must be the id (a GUID) of the ${dto.Kind}`);
      }
      if ((dto.Kind === 'queue' || dto.Kind === 'user') && dto.Target === selfId)
        throw new ValidationProblem(`OverflowTarget cannot be the ${dto.Kind} itself`);
      const found = await em.getRepository(repo[dto.Kind]).findOneBy({ id: dto.Target });
      if (!found) throw new ValidationProblem(`OverflowTarget.Target: no ${dto.Kind} ${dto.Target}`);
    }
    return { kind: dto.Kind, target: dto.Target };
  }
}
