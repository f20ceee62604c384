import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { EVENT_TYPE_NAMES, resolveEventType, suggestEventTypeName } from '../catalog/event-catalog';
import { AppConfig } from '../config/app-config';
import { parseSchedule } from '../common/retry-schedule';
import type { CreateWebhookDto } from './dto/create-webhook.dto';
import type { SubscriptionDto } from './dto/subscription.dto';
import type { WebhookSettingsDto } from './dto/webhook-settings.dto';
import { endpointRules, endpointUrlProblem } from '../common/endpoint-rules';
import { headerProblems } from '../common/header-rules';
import { deactivateAfterFailuresProblem, landisEventNamesProblems, landisHeaderProblems } from './landis-webhook-rules';
import type { WebhookPlatform } from '../common/webhook-platform';
import { generateLandisSecret } from '../landis';
import { SubscriptionEntity } from './subscription.entity';
import { WebhookEntity } from './webhook.entity';
import { WebhookRegistry } from './webhook-registry.service';
import { DeliveryCounts } from './delivery-counts.service';
import { presentSubscription, presentWebhook, type ResolvedAlias } from './webhook.presenter';
import { ConflictError, NotFoundError, ValidationProblem } from '../common/errors/domain-errors';

const MAX_SCHEDULE_ENTRIES = 20;
const MAX_WAIT_MS = 24 * 3600 * 1000;
/** Six parameters a row: well under PostgreSQL's 65,535 parameters per statement. */
const SUBSCRIPTIONS_PER_INSERT = 2000;

@Injectable()
export class WebhooksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly registry: WebhookRegistry,
    private readonly config: AppConfig,
    private readonly counts: DeliveryCounts,
  ) {}

  async create(dto: CreateWebhookDto) {
    if ((dto.Platform ?? 'enreach') === 'landis') return this.createLandis(dto);
    const problems: string[] = [];
    const settings = this.checkSettings(dto.Webhook, problems, 'Webhook.', true, 'enreach');
    const aliases: ResolvedAlias[] = [];
    const given = (dto.Subscriptions ?? []).map((s, i) => ({ i, list: this.checkSubscriptions(s, `Subscriptions[${i}].`, problems, aliases) }));
    const seen = new Set<string>();
    for (const { i, list } of given) {
      for (const s of list) {
        const key = `${s.eventType}|${s.allEntities ? '*' : s.entityId}`;
        if (seen.has(key)) problems.push(`Subscriptions[${i}]: duplicates an earlier subscription (${s.eventType})`);
        seen.add(key);
      }
    }
    const subscriptions = given.flatMap((g) => g.list);
    if (problems.length) throw new ValidationProblem(problems);

    const webhook = await this.dataSource.transaction(async (em) => {
      const saved = await em.save(WebhookEntity, em.create(WebhookEntity, { id: randomUUID(), ...settings }));
      await this.insertSubscriptions(
        em,
        subscriptions.map((s) => ({ ...s, id: randomUUID(), webhookId: saved.id })),
      );
      return saved;
    });
    await this.registry.changed();
    return this.get(webhook.id, aliases.length ? { ResolvedAliases: aliases } : {});
  }

  /**
   * A Landis subscription: its event names are stored as subscriptions to all entities. A secret
   * the emulator made is in this answer only (as the platform shows it once); a given one is not echoed.
   */
  private async createLandis(dto: CreateWebhookDto) {
    const problems: string[] = [];
    if (dto.Subscriptions !== undefined) {
      problems.push('Subscriptions is for Enreach webhooks; a Landis webhook lists its events in Webhook.WebhookEvents');
    }
    const settings = this.checkSettings(dto.Webhook, problems, 'Webhook.', true, 'landis');
    if (problems.length) throw new ValidationProblem(problems);
    const generated = settings.secret === undefined ? generateLandisSecret() : null;
    const { events = [], ...columns } = settings;
    const webhook = await this.dataSource.transaction(async (em) => {
      const saved = await em.save(
        WebhookEntity,
        em.create(WebhookEntity, { id: randomUUID(), ...columns, platform: 'landis', ...(generated ? { secret: generated } : {}) }),
      );
      await this.saveLandisEvents(em, saved.id, events);
      return saved;
    });
    await this.registry.changed();
    return this.get(webhook.id, generated ? { Secret: generated } : {});
  }

  async list() {
    const webhooks = await this.dataSource.getRepository(WebhookEntity).find({ order: { createdAt: 'ASC' } });
    const subscriptions = await this.dataSource.getRepository(SubscriptionEntity).find({ order: { createdAt: 'ASC' } });
    return webhooks.map((w) =>
      presentWebhook(
        w,
        subscriptions.filter((s) => s.webhookId === w.id),
      ),
    );
  }

  async get(id: string, extra: object = {}) {
    // Three reads on three pooled connections at once: the answer waits for the slowest, not the sum.
    const [webhook, subscriptions, figures] = await Promise.all([this.findOrFail(id), this.subscriptionsOf(this.dataSource.manager, id), this.figuresFor(id)]);
    return presentWebhook(webhook, subscriptions, { ...extra, Deliveries: figures });
  }

  /** Delivered, retrying, discarded and pending counts (kept as rows change) and the last error, shown with the webhook. */
  async figuresFor(webhookId: string) {
    // deliveries_webhook_failed_idx holds only rows whose last attempt failed.
    const [counts, last] = await Promise.all([
      this.counts.byStatus(webhookId),
      this.dataSource.query<{ last_error: string | null; last_outcome: string; updated_at: Date }[]>(
        `SELECT last_error, last_outcome, updated_at FROM deliveries
       WHERE webhook_id = $1 AND last_outcome IS NOT NULL AND last_outcome <> 'delivered'
       ORDER BY updated_at DESC LIMIT 1`,
        [webhookId],
      ),
    ]);
    const count = (s: string) => counts[s] ?? 0;
    return {
      Delivered: count('delivered'),
      Retrying: count('retrying'),
      Discarded: count('discarded'),
      Pending: count('pending'),
      LastError: last[0] ? { Outcome: last[0].last_outcome, Message: last[0].last_error, At: last[0].updated_at } : null,
    };
  }

  async update(id: string, dto: WebhookSettingsDto) {
    await this.dataSource.transaction(async (em) => {
      const webhook = await this.lockOrFail(em, id);
      const problems: string[] = [];
      const { events, ...settings } = this.checkSettings(dto, problems, '', false, webhook.platform);
      if (problems.length) throw new ValidationProblem(problems);
      await em.getRepository(WebhookEntity).save({ ...webhook, ...settings });
      if (events) {
        await em.getRepository(SubscriptionEntity).delete({ webhookId: id });
        await this.saveLandisEvents(em, id, events);
      }
    });
    await this.registry.changed();
    return this.get(id);
  }

  private async saveLandisEvents(em: EntityManager, webhookId: string, events: string[]): Promise<void> {
    await this.insertSubscriptions(
      em,
      events.map((eventType) => ({ id: randomUUID(), webhookId, eventType, requestedEventType: null, entityId: null, allEntities: true })),
    );
  }

  /**
   * Many rows per INSERT: 1,000 AllEventTypes subscriptions are 34,000 rows, which one statement
   * each kept a transaction (and a pooled connection) busy for over half a minute.
   */
  private async insertSubscriptions(em: EntityManager, rows: Omit<SubscriptionEntity, 'createdAt' | 'webhook'>[]): Promise<void> {
    for (let i = 0; i < rows.length; i += SUBSCRIPTIONS_PER_INSERT) await em.insert(SubscriptionEntity, rows.slice(i, i + SUBSCRIPTIONS_PER_INSERT));
  }

  async remove(id: string): Promise<void> {
    // The DELETE itself decides: of two at once, one deletes (204) and the other finds nothing (404).
    const result = await this.dataSource.getRepository(WebhookEntity).delete({ id });
    if (!result.affected) throw new NotFoundError(`No webhook ${id}`);
    await this.registry.changed();
  }

  async listSubscriptions(id: string) {
    this.enreachOnly(await this.findOrFail(id));
    return (await this.subscriptionsOf(this.dataSource.manager, id)).map(presentSubscription);
  }

  async addSubscription(id: string, dto: SubscriptionDto) {
    const problems: string[] = [];
    const aliases: ResolvedAlias[] = [];
    const wanted = this.checkSubscriptions(dto, '', problems, aliases);
    const saved = await this.dataSource.transaction(async (em) => {
      this.enreachOnly(await this.lockOrFail(em, id));
      if (problems.length) throw new ValidationProblem(problems);
      const existing = await this.subscriptionsOf(em, id);
      const has = (s: (typeof wanted)[number]) =>
        existing.some((e) => e.eventType === s.eventType && e.allEntities === s.allEntities && e.entityId === s.entityId);
      if (!dto.AllEventTypes && has(wanted[0])) throw new ConflictError(`Webhook ${id} already has this subscription to ${wanted[0].eventType}`);
      // AllEventTypes adds the types the webhook lacks and answers with every subscription it added.
      const added = wanted.filter((s) => !has(s)).map((s) => ({ ...s, id: randomUUID(), webhookId: id }));
      await this.insertSubscriptions(em, added);
      return added;
    });
    await this.registry.changed();
    if (dto.AllEventTypes) return saved.map(presentSubscription);
    return { ...presentSubscription(saved[0]), ...(aliases.length ? { ResolvedAliases: aliases } : {}) };
  }

  async removeSubscription(id: string, subscriptionId: string): Promise<void> {
    await this.dataSource.transaction(async (em) => {
      this.enreachOnly(await this.lockOrFail(em, id));
      const result = await em.getRepository(SubscriptionEntity).delete({ id: subscriptionId, webhookId: id });
      if (!result.affected) throw new NotFoundError(`Webhook ${id} has no subscription ${subscriptionId}`);
    });
    await this.registry.changed();
  }

  /** Subscriptions by EventType and EntityId are Enreach's; a Landis webhook has its WebhookEvents list. */
  private enreachOnly(webhook: WebhookEntity): void {
    if (webhook.platform === 'landis') {
      throw new ValidationProblem(
        `Webhook ${webhook.id} is a Landis webhook: it has no subscriptions by EventType; change its Webhook events with PATCH /api/webhooks/${webhook.id} { "WebhookEvents": [...] }`,
      );
    }
  }

  /**
   * The webhook, locked until the transaction ends: a change waits for a concurrent one, so a PATCH
   * cannot write back a webhook a DELETE has just removed, nor two identical subscriptions both pass the check.
   */
  private async lockOrFail(em: EntityManager, id: string): Promise<WebhookEntity> {
    const webhook = await em.getRepository(WebhookEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!webhook) throw new NotFoundError(`No webhook ${id}`);
    return webhook;
  }

  private async findOrFail(id: string): Promise<WebhookEntity> {
    const webhook = await this.dataSource.getRepository(WebhookEntity).findOneBy({ id });
    if (!webhook) throw new NotFoundError(`No webhook ${id}`);
    return webhook;
  }

  private subscriptionsOf(em: EntityManager, webhookId: string): Promise<SubscriptionEntity[]> {
    return em.getRepository(SubscriptionEntity).find({ where: { webhookId }, order: { createdAt: 'ASC' } });
  }

  private checkSettings(
    dto: WebhookSettingsDto,
    problems: string[],
    prefix: string,
    creating: boolean,
    platform: WebhookPlatform,
  ): Partial<WebhookEntity> & { events?: string[] } {
    const out: Partial<WebhookEntity> & { events?: string[] } = {};
    if (dto.Endpoint !== undefined || creating) {
      const problem = endpointUrlProblem(dto.Endpoint, endpointRules(this.config));
      if (problem) problems.push(`${prefix}Endpoint ${problem}`);
      else out.endpoint = dto.Endpoint as string;
    }
    if (dto.InsecureSSL !== undefined) out.insecureSsl = dto.InsecureSSL;
    if (dto.Secret !== undefined) {
      if (platform === 'landis' && (dto.Secret === null || dto.Secret === '')) {
        problems.push(`${prefix}Secret: a Landis webhook always has a secret (it signs every request); leave Secret out when creating to have one made`);
      } else out.secret = dto.Secret === '' ? null : dto.Secret;
    }
    if (dto.IsActive !== undefined) out.isActive = dto.IsActive;
    if (dto.Headers !== undefined) {
      const headerIssues = [...headerProblems(dto.Headers), ...(platform === 'landis' ? landisHeaderProblems(dto.Headers, 'Headers') : [])];
      problems.push(...headerIssues.map((p) => `${prefix}${p}`));
      if (!headerIssues.length) out.headers = dto.Headers ?? {};
    }
    const otherPlatform = (field: string, only: WebhookPlatform) =>
      only === 'landis'
        ? `${prefix}${field} is for Landis webhooks (Platform: "landis"); an Enreach webhook subscribes with Subscriptions and retries by RetrySchedule`
        : `${prefix}${field} is for Enreach webhooks; a Landis webhook retries as ASP.NET Boilerplate does (docs/landis.md)`;
    if (dto.RetrySchedule !== undefined) {
      if (platform === 'landis') problems.push(otherPlatform('RetrySchedule', 'enreach'));
      else {
        const schedule = this.parseRetrySchedule(dto.RetrySchedule);
        if (typeof schedule === 'string') problems.push(`${prefix}RetrySchedule ${schedule}`);
        else out.retryScheduleMs = schedule;
      }
    }
    if (platform === 'enreach') {
      if (dto.WebhookEvents !== undefined) problems.push(otherPlatform('WebhookEvents', 'landis'));
      if (dto.DeactivateAfterFailures !== undefined) problems.push(otherPlatform('DeactivateAfterFailures', 'landis'));
      return out;
    }
    if (dto.WebhookEvents !== undefined || creating) {
      const issues = landisEventNamesProblems(dto.WebhookEvents, `${prefix}WebhookEvents`);
      problems.push(...issues);
      if (!issues.length) out.events = dto.WebhookEvents as string[];
    }
    if (dto.DeactivateAfterFailures !== undefined) {
      const issue = deactivateAfterFailuresProblem(dto.DeactivateAfterFailures, `${prefix}DeactivateAfterFailures`);
      if (issue) problems.push(issue);
      else out.deactivateAfterFailures = dto.DeactivateAfterFailures as number | null;
    }
    return out;
  }

  private parseRetrySchedule(value: unknown): number[] | null | string {
    if (value === null) return null;
    let waits: number[];
    if (typeof value === 'string') {
      try {
        waits = parseSchedule(value);
      } catch (e) {
        return (e as Error).message;
      }
    } else if (Array.isArray(value) && value.every((v) => Number.isInteger(v))) {
      waits = value as number[];
    } else {
      return 'must be a list of waits such as "10s,1m,5m" or [10000, 60000], or null for the global schedule';
    }
    if (waits.length > MAX_SCHEDULE_ENTRIES) return `may hold at most ${MAX_SCHEDULE_ENTRIES} waits`;
    if (waits.some((w) => w < 0 || w > MAX_WAIT_MS)) return 'waits must be between 0 and 24 hours';
    return waits;
  }

  /** One subscription, or one per event type for the emulator's AllEventTypes extension. */
  private checkSubscriptions(dto: SubscriptionDto, prefix: string, problems: string[], aliases: ResolvedAlias[]) {
    if (dto.AllEventTypes !== true) return [this.checkSubscription(dto, prefix, problems, aliases)];
    if (dto.EventType !== undefined) problems.push(`${prefix}give EventType or AllEventTypes: true, not both`);
    return EVENT_TYPE_NAMES.map((name) => this.checkSubscription({ ...dto, EventType: name }, prefix, problems, aliases));
  }

  private checkSubscription(dto: SubscriptionDto, prefix: string, problems: string[], aliases: ResolvedAlias[]) {
    const given = dto.EventType ?? '';
    const resolved = resolveEventType(given);
    if (!resolved) {
      const hint = suggestEventTypeName(given);
      problems.push(`${prefix}EventType "${given}" is not an event type${hint ? `; did you mean ${hint}?` : ' (GET /api/event-types lists them)'}`);
    } else if (resolved.aliasOf) {
      if (!aliases.some((a) => a.Given === given)) aliases.push({ Given: given, ResolvedTo: resolved.aliasOf });
    }
    const hasEntity = dto.EntityId !== undefined && dto.EntityId !== null;
    // Reported once for an AllEventTypes subscription, not 34 times.
    if (
      hasEntity === (dto.AllEntities === true) &&
      !problems.includes(`${prefix}a subscription needs exactly one of EntityId (a GUID) and AllEntities: true`)
    ) {
      problems.push(`${prefix}a subscription needs exactly one of EntityId (a GUID) and AllEntities: true`);
    }
    return {
      eventType: resolved?.def.name ?? given,
      requestedEventType: resolved?.aliasOf ? given : null,
      entityId: hasEntity ? dto.EntityId!.toLowerCase() : null,
      allEntities: dto.AllEntities === true,
    };
  }
}
