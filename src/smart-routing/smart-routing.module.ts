import { Module } from '@nestjs/common';
import { OrganizationModule } from '../organization/organization.module';
import { SmartRoutingController } from './smart-routing.controller';
import { SmartRoutingService } from './smart-routing.service';

/**
 * The SmartRouting client, driven by the simulation and the admin API (ROLE all|api). It follows
 * the organisation's changes: a deleted queue's configuration is not served from its cache.
 */
@Module({ imports: [OrganizationModule], controllers: [SmartRoutingController], providers: [SmartRoutingService], exports: [SmartRoutingService] })
export class SmartRoutingModule {}
