import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Counter } from 'prom-client';
import type { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { metric } from '../common/metric';
import { ServiceQueueEntity } from '../organization/organization.entities';
import { OrganizationService } from '../organization/organization.service';
import { endpointRules, endpointUrlProblem } from '../common/endpoint-rules';
import type { ListRoutingRequestsQuery, SmartRoutingConfigDto } from './dto/smart-routing-config.dto';
import type { RoutingDecision, RoutingRequestContext, SmartRoutingHook } from './routing-instructions';
import type { SmartRoutingCallConfig } from './smart-routing-call';
import { SmartRoutingClient } from './smart-routing-client';
import { SmartRoutingConfigEntity, SmartRoutingRequestEntity } from './smart-routing.entities';
import { foreignKeyViolation } from '../common/errors/database-errors';
import { NotFoundError, ValidationProblem } from '../common/errors/domain-errors';
import { redactStrings } from '../common/secret-redaction';

const present = (c: SmartRoutingConfigEntity) => ({
  QueueId: c.queueId,
  Endpoint: c.endpoint,
  InsecureSSL: c.insecureSsl,
  Auth: c.authType,
  HasApiKey: c.apiKey !== null,
  Username: c.username,
  HasPassword: c.password !== null,
  TimeoutMs: c.timeoutMs,
  TargetId: c.targetId,
  SendExtraData: c.sendExtraData,
  DynamicValues: c.dynamicValues,
  IsActive: c.isActive,
});

/**
 * Plays the platform's side of SmartRouting: for a call entering a configured queue it asks the
 * customer's endpoint, logs the exchange (credentials masked) and hands the decision to the
 * simulation.
 */
/**
 * How long a queue's configuration (or its absence) is reused for routing. Every queue call asks,
 * and an unpaced scenario places thousands per second: one query each held the engine back (a
 * day of 21,600 calls spent most of its time waiting on them). Changes made through this process
 * apply at once; another api process's, within this long.
 */
const CONFIG_CACHE_MS = 1000;

@Injectable()
export class SmartRoutingService implements SmartRoutingHook, OnModuleDestroy {
  private readonly logger = new Logger(SmartRoutingService.name);
  private readonly configs = new Map<string, { found: SmartRoutingConfigEntity | null; at: number }>();
  private changes = 0;
  private readonly client: SmartRoutingClient;
  private readonly organizationChanges: Subscription;
  private readonly outcomes = metric(
    'emulator_smart_routing_requests_total',
    () => new Counter({ name: 'emulator_smart_routing_requests_total', help: 'SmartRouting requests by outcome', labelNames: ['outcome'] }),
  );

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    organization: OrganizationService,
  ) {
    this.client = new SmartRoutingClient(endpointRules(config));
    // A deleted queue takes its configuration with it: none is served from the cache afterwards.
    this.organizationChanges = organization.changes.subscribe(() => this.forgetAll());
  }

  onModuleDestroy(): void {
    this.organizationChanges.unsubscribe();
  }

  async configure(queueId: string, dto: SmartRoutingConfigDto) {
    if (!(await this.dataSource.getRepository(ServiceQueueEntity).findOneBy({ id: queueId }))) throw new NotFoundError(`No queue ${queueId}`);
    const problems: string[] = [];
    const urlProblem = endpointUrlProblem(dto.Endpoint, endpointRules(this.config));
    if (urlProblem) problems.push(`Endpoint ${urlProblem}`);
    const auth = dto.Auth ?? (dto.ApiKey ? 'apiKey' : dto.Username ? 'basic' : 'none');
    if (auth === 'apiKey' && !dto.ApiKey) problems.push('ApiKey is required with Auth "apiKey"');
    if (auth === 'basic' && (!dto.Username || !dto.Password)) problems.push('Username and Password are required with Auth "basic"');
    if (problems.length) throw new ValidationProblem(problems);
    // An upsert: two concurrent first PUTs for a queue both succeed, the later one wins.
    const repo = this.dataSource.getRepository(SmartRoutingConfigEntity);
    this.forget(queueId);
    try {
      await repo.upsert(
        {
          queueId,
          endpoint: dto.Endpoint,
          insecureSsl: dto.InsecureSSL ?? false,
          authType: auth,
          apiKey: auth === 'apiKey' ? dto.ApiKey! : null,
          username: auth === 'basic' ? dto.Username! : null,
          password: auth === 'basic' ? dto.Password! : null,
          timeoutMs: dto.TimeoutMs ?? 5000,
          targetId: dto.TargetId ?? null,
          sendExtraData: dto.SendExtraData ?? false,
          dynamicValues: dto.DynamicValues ?? {},
          isActive: dto.IsActive ?? true,
        },
        ['queueId'],
      );
    } catch (e) {
      // The queue was deleted since it was found (its key refuses the row): as if it had been gone before.
      if (foreignKeyViolation(e)) throw new NotFoundError(`No queue ${queueId}`);
      throw e;
    }
    this.forget(queueId);
    return present(await repo.findOneByOrFail({ queueId }));
  }

  async get(queueId: string) {
    const found = await this.dataSource.getRepository(SmartRoutingConfigEntity).findOneBy({ queueId });
    if (!found) throw new NotFoundError(`Queue ${queueId} has no SmartRouting configuration`);
    return present(found);
  }

  async remove(queueId: string): Promise<void> {
    this.forget(queueId);
    const result = await this.dataSource.getRepository(SmartRoutingConfigEntity).delete({ queueId });
    this.forget(queueId);
    if (!result.affected) throw new NotFoundError(`Queue ${queueId} has no SmartRouting configuration`);
  }

  private async configFor(queueId: string): Promise<SmartRoutingConfigEntity | null> {
    const now = Date.now();
    const cached = this.configs.get(queueId);
    if (cached && now - cached.at < CONFIG_CACHE_MS) return cached.found;
    const changes = this.changes;
    const found = await this.dataSource.getRepository(SmartRoutingConfigEntity).findOneBy({ queueId });
    // Not kept when a change was made meanwhile: the row read may predate it. Bounded by the organisation's queues.
    if (changes === this.changes) this.configs.set(queueId, { found, at: now });
    return found;
  }

  private forget(queueId: string): void {
    this.changes++;
    this.configs.delete(queueId);
  }

  private forgetAll(): void {
    this.changes++;
    this.configs.clear();
  }

  async decide(context: RoutingRequestContext): Promise<RoutingDecision | null> {
    const found = await this.configFor(context.queueId);
    if (!found || !found.isActive) return null;
    const callConfig: SmartRoutingCallConfig = {
      endpoint: found.endpoint,
      insecureSsl: found.insecureSsl,
      auth:
        found.authType === 'apiKey'
          ? { type: 'apiKey', apiKey: found.apiKey ?? '' }
          : found.authType === 'basic'
            ? { type: 'basic', username: found.username ?? '', password: found.password ?? '' }
            : { type: 'none' },
      timeoutMs: found.timeoutMs,
      targetId: found.targetId,
      sendExtraData: found.sendExtraData,
      dynamicValues: found.dynamicValues,
    };
    const requestedAt = new Date();
    const record = await this.client.requestRouting(callConfig, context);
    const d = record.decision;
    const row: SmartRoutingRequestEntity = Object.assign(new SmartRoutingRequestEntity(), {
      id: d.requestId,
      queueId: context.queueId,
      callId: context.callId,
      requestedAt,
      request: (record.request ?? { url: found.endpoint, notSent: true }) as unknown as Record<string, unknown>,
      responseStatus: record.response?.status ?? null,
      responseBodyExcerpt: record.response?.bodyExcerpt ?? null,
      latencyMs: record.latencyMs,
      outcome: d.outcome,
      reason: d.outcome === 'default-error' ? d.reason : null,
      applied: d.outcome === 'applied' ? ((record.redact ? redactStrings(d.instructions, record.redact) : d.instructions) as Record<string, unknown>) : null,
      ignored: record.ignored,
    });
    await this.dataSource.getRepository(SmartRoutingRequestEntity).save(row);
    this.outcomes.inc({ outcome: d.outcome });
    return d.outcome === 'applied' && record.redact ? { ...d, redact: record.redact } : d;
  }

  settle(requestId: string, result: { applied: boolean; notes: readonly string[] }): void {
    if (result.applied || !requestId) return;
    // After the row's insert (decide awaited it); nothing waits on this write.
    void this.dataSource
      .getRepository(SmartRoutingRequestEntity)
      .update({ id: requestId }, { outcome: 'default-unapplied', applied: null, reason: result.notes.join('; ') })
      .catch((e) => this.logger.warn(`Recording SmartRouting request ${requestId} as not applied failed: ${String(e)}`));
  }

  async listRequests(q: ListRoutingRequestsQuery) {
    const qb = this.dataSource.getRepository(SmartRoutingRequestEntity).createQueryBuilder('r');
    if (q.queueId) qb.andWhere('r.queue_id = :queueId', { queueId: q.queueId });
    if (q.callId) qb.andWhere('r.call_id = :callId', { callId: q.callId });
    if (q.outcome) qb.andWhere('r.outcome = :outcome', { outcome: q.outcome });
    const [rows, total] = await qb.orderBy('r.requested_at', 'DESC').take(q.limit).skip(q.offset).getManyAndCount();
    return { Total: total, Limit: q.limit, Offset: q.offset, Items: rows.map(presentRequest) };
  }

  async requestsForCall(callId: string) {
    const rows = await this.dataSource.getRepository(SmartRoutingRequestEntity).find({ where: { callId }, order: { requestedAt: 'ASC' } });
    return rows.map(presentRequest);
  }
}

export const presentRequest = (r: SmartRoutingRequestEntity) => ({
  Id: r.id,
  QueueId: r.queueId,
  CallId: r.callId,
  RequestedAt: r.requestedAt,
  Request: r.request,
  ResponseStatus: r.responseStatus,
  ResponseBodyExcerpt: r.responseBodyExcerpt,
  LatencyMs: r.latencyMs,
  Outcome: r.outcome,
  Reason: r.reason,
  Applied: r.applied,
  IgnoredProperties: r.ignored,
});
