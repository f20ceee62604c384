import { DynamicModule, Module } from '@nestjs/common';
import { DemoOrganization } from './demo-organization';
import { OrganizationController } from './organization.controller';
import { OrganizationService } from './organization.service';

@Module({})
export class OrganizationModule {
  static forRoot(opts: { api: boolean }): DynamicModule {
    return {
      module: OrganizationModule,
      global: true,
      controllers: opts.api ? [OrganizationController] : [],
      providers: [OrganizationService, DemoOrganization],
      exports: [OrganizationService],
    };
  }
}
