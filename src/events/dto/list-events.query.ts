import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsRealDate } from '../../common/dto/iso-date';
import { CursorPageQuery } from '../../common/dto/cursor-page.query';
import { WaitMsQuery } from '../../common/long-poll';

export class ListEventsQuery extends CursorPageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: "The event's Id" }) @IsOptional() @IsUUID('all') eventId?: string;
  @ApiPropertyOptional({ example: 'QueueCallInArrived' }) @IsOptional() @IsString() @MaxLength(100) eventType?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') entityId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') callId?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Event Timestamp at or after (ISO 8601)' }) @IsOptional() @IsRealDate() from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Event Timestamp before (ISO 8601)' }) @IsOptional() @IsRealDate() to?: string;
  @WaitMsQuery() waitMs = 0;
}
