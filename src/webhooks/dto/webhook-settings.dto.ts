import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsHeaderValue } from '../../common/dto/header-value';

/** The fields of a webhook endpoint that may be changed; Endpoint is checked by the platform's URL rules. */
export class WebhookSettingsDto {
  @ApiPropertyOptional({ type: 'string', example: 'https://my.integration.com/webhook/', description: 'https:// on port 443, one URL' })
  @IsOptional()
  Endpoint?: unknown;

  @ApiPropertyOptional({ example: false, description: 'Accept self-signed certificates' })
  @IsOptional()
  @IsBoolean()
  InsecureSSL?: boolean;

  @ApiPropertyOptional({ example: 'MySecretString', description: 'Sent as X-Benemen-Token; never returned', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @IsHeaderValue()
  Secret?: string | null;

  @ApiPropertyOptional({ example: true, description: 'An inactive webhook receives nothing' })
  @IsOptional()
  @IsBoolean()
  IsActive?: boolean;

  @ApiPropertyOptional({ example: { 'X-Tenant': 'acme' }, description: 'Additional request headers' })
  @IsOptional()
  @IsObject()
  Headers?: Record<string, string>;

  @ApiPropertyOptional({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'number' } }],
    example: '1s,5s,30s',
    description: 'Waits between attempts for this webhook ("10s,1m" or milliseconds [1000, 5000]); null = global',
    nullable: true,
  })
  @IsOptional()
  RetrySchedule?: string | number[] | null;
}
