import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module';
import { ResetController } from './reset.controller';
import { ResetService } from './reset.service';

@Module({ imports: [DeliveriesModule], controllers: [ResetController], providers: [ResetService] })
export class ResetModule {}
