import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsRealDate } from '../../common/dto/iso-date';
import { CursorPageQuery } from '../../common/dto/cursor-page.query';
import { WaitMsQuery } from '../../common/long-poll';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../delivery.entity';

export class ListDeliveriesQuery extends CursorPageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') webhookId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') eventId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) eventType?: string;
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES, { message: `status must be one of: ${DELIVERY_STATUSES.join(', ')}` })
  status?: DeliveryStatus;
  @ApiPropertyOptional({ format: 'date-time', description: 'Created at or after (ISO 8601)' }) @IsOptional() @IsRealDate() from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Created before (ISO 8601)' }) @IsOptional() @IsRealDate() to?: string;
  @WaitMsQuery() waitMs = 0;
}
