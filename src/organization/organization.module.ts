import { Module } from '@nestjs/common';
import { DemoOrganization } from './demo-organization';
import { OrganizationController } from './organization.controller';
import { OrganizationService } from './organization.service';

/** The simulated organisation, with the simulation and the admin API (ROLE all|api). */
@Module({ controllers: [OrganizationController], providers: [OrganizationService, DemoOrganization], exports: [OrganizationService] })
export class OrganizationModule {}
