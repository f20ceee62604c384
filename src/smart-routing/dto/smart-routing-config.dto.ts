import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, Min, MinLength } from 'class-validator';

export class SmartRoutingConfigDto {
  @ApiProperty({ example: 'https://routing.example.com/smartrouting' }) @IsString() Endpoint!: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() InsecureSSL?: boolean;
  @ApiPropertyOptional({ enum: ['apiKey', 'basic', 'none'], default: 'none' })
  @IsOptional()
  @IsIn(['apiKey', 'basic', 'none'], { message: 'Auth must be one of: apiKey, basic, none' })
  Auth?: 'apiKey' | 'basic' | 'none';
  @ApiPropertyOptional({ description: 'Sent as X-Benemen-APIKey; never returned' }) @IsOptional() @IsString() @MinLength(1) ApiKey?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) Username?: string;
  @ApiPropertyOptional({ description: 'Never returned' }) @IsOptional() @IsString() @MinLength(1) Password?: string;
  @ApiPropertyOptional({ default: 5000 }) @IsOptional() @IsInt() @Min(100) @Max(60000) TimeoutMs?: number;
  @ApiPropertyOptional({ example: 'SALES_QUEUE', description: 'Sent as targetid; the queue id when unset' }) @IsOptional() @IsString() TargetId?: string;
  @ApiPropertyOptional({ default: false }) @IsOptional() @IsBoolean() SendExtraData?: boolean;
  @ApiPropertyOptional({ example: { CustomerTier: 'gold' }, description: 'DYN_* values in extradata' }) @IsOptional() @IsObject() DynamicValues?: Record<string, string>;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() IsActive?: boolean;
}

export class ListRoutingRequestsQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID('all') queueId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID('all') callId?: string;
  @ApiPropertyOptional({ enum: ['applied', 'default-204', 'default-error', 'default-unapplied'] })
  @IsOptional()
  @IsIn(['applied', 'default-204', 'default-error', 'default-unapplied'], { message: 'outcome must be one of: applied, default-204, default-error, default-unapplied' })
  outcome?: 'applied' | 'default-204' | 'default-error' | 'default-unapplied';
  @ApiPropertyOptional({ default: 50 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit = 50;
  @ApiPropertyOptional({ default: 0 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) offset = 0;
}
