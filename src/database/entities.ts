import { DeliveryAttemptEntity } from '../deliveries/delivery-attempt.entity';
import { DeliveryEntity } from '../deliveries/delivery.entity';
import { EventEntity } from '../events/event.entity';
import { CallbackRequestEntity, CallListEntity, IvrEntity, OrganizationEntity, OrgUserEntity, ServiceQueueEntity } from '../organization/organization.entities';
import { ScenarioEntity } from '../scenarios/scenario.entity';
import { SmartRoutingConfigEntity, SmartRoutingRequestEntity } from '../smart-routing/smart-routing.entities';
import { SubscriptionEntity } from '../webhooks/subscription.entity';
import { WebhookEntity } from '../webhooks/webhook.entity';

/** Listed explicitly (not globbed) so the app, the CLI and Jest all load the same classes. */
export const ENTITIES = [
  EventEntity,
  WebhookEntity,
  SubscriptionEntity,
  DeliveryEntity,
  DeliveryAttemptEntity,
  OrganizationEntity,
  OrgUserEntity,
  ServiceQueueEntity,
  CallListEntity,
  CallbackRequestEntity,
  IvrEntity,
  SmartRoutingConfigEntity,
  SmartRoutingRequestEntity,
  ScenarioEntity,
];
