import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { WaitMsQuery } from '../../common/long-poll';
import { IsDateString, IsInt, IsOptional, IsString, IsUUID, Max, Min } from 'class-validator';

export class ListEventsQuery {
  @ApiPropertyOptional({ description: "The event's Id" }) @IsOptional() @IsUUID('all') eventId?: string;
  @ApiPropertyOptional({ example: 'QueueCallInArrived' }) @IsOptional() @IsString() eventType?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all') entityId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all') callId?: string;
  @ApiPropertyOptional({ description: 'Event Timestamp at or after (ISO 8601)' }) @IsOptional() @IsDateString() from?: string;
  @ApiPropertyOptional({ description: 'Event Timestamp before (ISO 8601)' }) @IsOptional() @IsDateString() to?: string;
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit = 50;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset = 0;
  @WaitMsQuery() waitMs = 0;
}
