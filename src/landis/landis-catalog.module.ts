import { Module } from '@nestjs/common';
import { LandisCatalogController } from './landis-catalog.controller';

/** The Landis webhook events' catalog routes (ROLE all|api). */
@Module({ controllers: [LandisCatalogController] })
export class LandisCatalogModule {}
