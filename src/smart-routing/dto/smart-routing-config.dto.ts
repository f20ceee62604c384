import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsHeaderValue } from '../../common/dto/header-value';
import { PageQuery } from '../../common/dto/page.query';
import { IsStringRecord } from '../../common/dto/string-record';
import { ROUTING_OUTCOMES, type RoutingOutcome } from '../routing-instructions';
import { MAX_SMART_ROUTING_TIMEOUT_MS } from '../smart-routing-call';

export class SmartRoutingConfigDto {
  @ApiProperty({ example: 'https://routing.example.com/smartrouting', description: 'https:// on port 443 (the platform rule; see ALLOW_ANY_ENDPOINT_PORT)' })
  @IsString()
  Endpoint!: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() InsecureSSL?: boolean;
  @ApiPropertyOptional({ enum: ['apiKey', 'basic', 'none'], description: 'Default: apiKey when ApiKey is given, else basic when Username is, else none' })
  @IsOptional()
  @IsIn(['apiKey', 'basic', 'none'], { message: 'Auth must be one of: apiKey, basic, none' })
  Auth?: 'apiKey' | 'basic' | 'none';
  @ApiPropertyOptional({ description: 'Sent as X-Benemen-APIKey; never returned' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(1000)
  @IsHeaderValue()
  ApiKey?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(1000) @IsHeaderValue() Username?: string;
  @ApiPropertyOptional({ description: 'Never returned' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(1000) @IsHeaderValue() Password?: string;
  @ApiPropertyOptional({ type: 'integer', default: 5000 }) @IsOptional() @IsInt() @Min(100) @Max(MAX_SMART_ROUTING_TIMEOUT_MS) TimeoutMs?: number;
  @ApiPropertyOptional({ example: 'SALES_QUEUE', description: 'Sent as targetid; the queue id when unset' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  TargetId?: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() SendExtraData?: boolean;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { CustomerTier: 'gold' },
    description: 'DYN_* values in extradata',
  })
  @IsOptional()
  @IsObject()
  @IsStringRecord()
  DynamicValues?: Record<string, string>;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() IsActive?: boolean;
}

export class ListRoutingRequestsQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') queueId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID('all') callId?: string;
  @ApiPropertyOptional({ enum: ROUTING_OUTCOMES })
  @IsOptional()
  @IsIn(ROUTING_OUTCOMES, { message: `outcome must be one of: ${ROUTING_OUTCOMES.join(', ')}` })
  outcome?: RoutingOutcome;
}
