import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { OrganizationAndSmartRouting1764000000001 } from './1764000000001-organization-and-smart-routing';
import { Scenarios1764000000002 } from './1764000000002-scenarios';
import { DeliveryRetrySchedule1764000000003 } from './1764000000003-delivery-retry-schedule';
import { UniqueUserNamesAndNumbers1764000000004 } from './1764000000004-unique-user-names-and-numbers';
import { SimulationRuns1764000000016 } from './1764000000016-simulation-runs';
import { OrganizationReachability1764000000017 } from './1764000000017-organization-reachability';
import { WebhookPlatform1764000000019 } from './1764000000019-webhook-platform';
import { LandisIvrsAndQueueServiceLevel1764000000020 } from './1764000000020-landis-ivrs-and-queue-service-level';
import { StoredDataAtScale1764000000022 } from './1764000000022-stored-data-at-scale';
import { SmartRoutingConfigFollowsQueue1764000000023 } from './1764000000023-smart-routing-config-follows-queue';

/** Every migration, in order. Listed explicitly so the app, the CLI and Jest load the same classes. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  OrganizationAndSmartRouting1764000000001,
  Scenarios1764000000002,
  DeliveryRetrySchedule1764000000003,
  UniqueUserNamesAndNumbers1764000000004,
  SimulationRuns1764000000016,
  OrganizationReachability1764000000017,
  WebhookPlatform1764000000019,
  LandisIvrsAndQueueServiceLevel1764000000020,
  StoredDataAtScale1764000000022,
  SmartRoutingConfigFollowsQueue1764000000023,
];
