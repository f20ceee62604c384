import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AdminKeyGuard } from '../auth/admin-key.guard';
import { CatalogModule } from '../catalog/catalog.module';
import { ConsoleModule } from '../console/console.module';
import { DeliveriesApiModule } from '../deliveries/deliveries-api.module';
import { EventsModule } from '../events/events.module';
import { HealthModule } from '../health/health.module';
import { LandisCatalogModule } from '../landis/landis-catalog.module';
import { MetricsApiModule } from '../metrics/metrics-api.module';
import { OrganizationModule } from '../organization/organization.module';
import { ResetModule } from '../reset/reset.module';
import { RetentionModule } from '../retention/retention.module';
import { ScenariosModule } from '../scenarios/scenarios.module';
import { SimulationModule } from '../simulation/simulation.module';
import { SmartRoutingModule } from '../smart-routing/smart-routing.module';
import { WebhooksApiModule } from '../webhooks/webhooks-api.module';

/** The admin API and what runs beside it (simulation, scenarios, retention), behind the admin key. */
@Module({
  imports: [
    HealthModule,
    CatalogModule,
    LandisCatalogModule,
    WebhooksApiModule,
    DeliveriesApiModule,
    EventsModule,
    OrganizationModule,
    SmartRoutingModule,
    SimulationModule,
    ScenariosModule,
    RetentionModule,
    ResetModule,
    ConsoleModule,
    MetricsApiModule,
  ],
  providers: [{ provide: APP_GUARD, useClass: AdminKeyGuard }],
})
export class AdminApiModule {}
