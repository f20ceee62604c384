import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsHeaderValue } from '../../common/dto/header-value';
import { IsOmittable } from '../../common/dto/omittable';

/** The fields of a webhook endpoint that may be changed; Endpoint is checked by the platform's URL rules. */
export class WebhookSettingsDto {
  @ApiPropertyOptional({ type: 'string', example: 'https://my.integration.com/webhook/', description: 'https:// on port 443, one URL' })
  @IsOptional()
  Endpoint?: unknown;

  @ApiPropertyOptional({ example: false, description: 'Accept self-signed certificates' })
  @IsOmittable()
  @IsBoolean()
  InsecureSSL?: boolean;

  @ApiPropertyOptional({
    type: 'string',
    example: 'MySecretString',
    description:
      'Enreach: sent as X-Benemen-Token; null removes it. Landis: the key of abp-webhook-signature; left out when creating, ' +
      'the emulator makes one (whs_ + 32 hex digits) and returns it once, in the create answer. Never returned otherwise',
    nullable: true,
  })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  @IsHeaderValue()
  Secret?: string | null;

  @ApiPropertyOptional({ example: true, description: 'An inactive webhook receives nothing' })
  @IsOmittable()
  @IsBoolean()
  IsActive?: boolean;

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' }, example: { 'X-Tenant': 'acme' }, description: 'Additional request headers' })
  @IsOptional()
  @IsObject()
  Headers?: Record<string, string>;

  @ApiPropertyOptional({
    type: [String],
    example: ['App.QueueWebhook', 'App.IvrWebhook'],
    description: 'Landis only: the webhook events to send (App.TestWebhook, App.QueueWebhook, App.IvrWebhook; case-sensitive); replaces the list',
  })
  @IsOptional()
  WebhookEvents?: unknown;

  @ApiPropertyOptional({
    type: 'integer',
    example: 15,
    nullable: true,
    description: 'Landis only: switch the webhook off after this many failed attempts in a row (ABP: 15 when enabled); null = never (default)',
  })
  @IsOptional()
  DeactivateAfterFailures?: unknown;

  @ApiPropertyOptional({
    // nullable goes inside: OpenAPI 3.0 wants a type beside it.
    oneOf: [
      { type: 'string', nullable: true },
      { type: 'array', items: { type: 'integer', minimum: 0 } },
    ],
    example: '1s,5s,30s',
    description: 'Enreach only: waits between attempts for this webhook ("10s,1m" or milliseconds [1000, 5000]); null = global',
  })
  @IsOptional()
  RetrySchedule?: string | number[] | null;
}
