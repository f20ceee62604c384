import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';
import { IsRealDate } from '../../common/dto/iso-date';
import { DELIVERY_STATUSES, type DeliveryStatus } from '../delivery.entity';

export const MAX_BULK_RESEND = 1000;

/** Which deliveries to send again (at least one filter), and at most how many. */
export class BulkResendDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') webhookId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') eventId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() eventType?: string;
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES, example: 'discarded' })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES, { message: `status must be one of: ${DELIVERY_STATUSES.join(', ')}` })
  status?: DeliveryStatus;
  @ApiPropertyOptional({ format: 'date-time', description: 'Created at or after (ISO 8601)' }) @IsOptional() @IsRealDate() from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Created before (ISO 8601)' }) @IsOptional() @IsRealDate() to?: string;
  @ApiPropertyOptional({ type: 'integer', default: 100, minimum: 1, maximum: MAX_BULK_RESEND, description: 'Resend at most this many (oldest first)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_BULK_RESEND)
  max = 100;
}
