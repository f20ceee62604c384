import { Module } from '@nestjs/common';
import { SmartRoutingController } from './smart-routing.controller';
import { SmartRoutingService } from './smart-routing.service';

/** The SmartRouting client, driven by the simulation and the admin API (ROLE all|api). */
@Module({ controllers: [SmartRoutingController], providers: [SmartRoutingService], exports: [SmartRoutingService] })
export class SmartRoutingModule {}
