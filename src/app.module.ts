import { DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AdminKeyGuard } from './auth/admin-key.guard';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/app-config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { RedisModule } from './redis/redis.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import { CatalogModule } from './catalog/catalog.module';
import { DeliveriesModule } from './deliveries/deliveries.module';
import { EventsModule } from './events/events.module';
import { MetricsModule } from './metrics/metrics.module';
import { OrganizationModule } from './organization/organization.module';
import { SmartRoutingModule } from './smart-routing/smart-routing.module';
import { SimulationModule } from './simulation/simulation.module';
import { RetentionModule } from './retention/retention.module';
import { ScenariosModule } from './scenarios/scenarios.module';
import { ResetModule } from './reset/reset.module';
import { ConsoleModule } from './console/console.module';

/** Composes the application; ROLE decides whether the HTTP API and the job consumers are included. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    const imports: NonNullable<ModuleMetadata['imports']> = [
      AppConfigModule.forRoot(config),
      ScheduleModule.forRoot(),
      DatabaseModule,
      RedisModule,
      WebhooksModule.forRoot({ api: config.runsApi }),
      DeliveriesModule.forRoot({ api: config.runsApi, worker: config.runsWorker }),
      EventsModule.forRoot({ api: config.runsApi }),
      OrganizationModule.forRoot({ api: config.runsApi }),
      SmartRoutingModule.forRoot({ api: config.runsApi }),
      MetricsModule.forRoot({ api: config.runsApi }),
    ];
    const providers: NonNullable<ModuleMetadata['providers']> = [];
    if (config.runsApi) {
      imports.push(HealthModule, CatalogModule, RetentionModule, SimulationModule, ScenariosModule, ResetModule, ConsoleModule);
      providers.push({ provide: APP_GUARD, useClass: AdminKeyGuard });
    }
    return { module: AppModule, imports, providers };
  }
}
