import { DynamicModule, Module } from '@nestjs/common';
import { SmartRoutingController } from './smart-routing.controller';
import { SmartRoutingService } from './smart-routing.service';

@Module({})
export class SmartRoutingModule {
  static forRoot(opts: { api: boolean }): DynamicModule {
    return {
      module: SmartRoutingModule,
      global: true,
      controllers: opts.api ? [SmartRoutingController] : [],
      providers: [SmartRoutingService],
      exports: [SmartRoutingService],
    };
  }
}
