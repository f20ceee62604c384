import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ValidationProblem } from '../common/errors/domain-errors';
import { DOTNET_GUID, landisDataProblems, type LandisEventInput, type LandisEventName, type LandisEventSink, type LandisSubscriptionCheck } from '../landis';
import { OrganizationEntity } from '../organization/organization.entities';
import { WebhookRegistry } from '../webhooks/webhook-registry.service';
import type { WebhookSnapshot } from '../webhooks/webhook-snapshot';
import { EventPublisher, type PublishedEvent } from './event-publisher.service';

/** The event row's organisation when none is stored (the column is required; Landis records name none). */
const NO_ORGANIZATION = '00000000-0000-0000-0000-000000000000';

/**
 * The delivery side of the Landis platform, provided as LANDIS_EVENT_SINK: a finished call's record
 * (or the test webhook) is checked against its table, stored through the EventPublisher's outbox and
 * delivered to the Landis webhooks that list its webhook event.
 */
@Injectable()
export class LandisEventPublisher implements LandisEventSink, LandisSubscriptionCheck {
  constructor(
    private readonly publisher: EventPublisher,
    private readonly registry: WebhookRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** In memory, so the simulation builds and stores no record no active Landis webhook lists. */
  wants(webhookEvent: LandisEventName): boolean {
    return this.registry.match(webhookEvent, null, 'landis').length > 0;
  }

  async publishLandis(input: LandisEventInput): Promise<void> {
    await this.publish(input);
  }

  /** Refuses Data that does not fit its table: a receiver must never get what the platform would not send. */
  async publish(event: LandisEventInput, onlyWebhook?: WebhookSnapshot): Promise<PublishedEvent> {
    const problems = landisDataProblems(event.webhookEvent, event.data);
    if (!DOTNET_GUID.test(event.id)) problems.unshift(`Id must be a lower-case GUID as .NET writes one, got ${JSON.stringify(event.id)}`);
    if (!(event.createdAt instanceof Date) || Number.isNaN(event.createdAt.getTime())) problems.push('createdAt must be a valid Date');
    if (problems.length) throw new ValidationProblem(problems);
    const organization = await this.dataSource.getRepository(OrganizationEntity).findOne({ where: {}, order: { createdAt: 'ASC' } });
    return this.publisher.publishLandis({ event, source: event.source, organizationId: organization?.id ?? NO_ORGANIZATION, onlyWebhook });
  }
}
