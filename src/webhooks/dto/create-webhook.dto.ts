import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { WEBHOOK_PLATFORMS, type WebhookPlatform } from '../../common/webhook-platform';
import { SubscriptionDto } from './subscription.dto';
import { WebhookSettingsDto } from './webhook-settings.dto';

/**
 * The platform's own configuration document, as in the webhook documentation's sample; a Landis
 * webhook gives its subscription's fields (Endpoint, IsActive, WebhookEvents, Headers, Secret) in Webhook.
 */
export class CreateWebhookDto {
  @ApiPropertyOptional({ enum: WEBHOOK_PLATFORMS, default: 'enreach', description: 'Which platform this webhook emulates' })
  @IsOptional()
  @IsIn(WEBHOOK_PLATFORMS, { message: `Platform must be one of ${WEBHOOK_PLATFORMS.join(', ')}` })
  Platform?: WebhookPlatform;

  @ApiProperty({ type: WebhookSettingsDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => WebhookSettingsDto)
  Webhook!: WebhookSettingsDto;

  @ApiPropertyOptional({ type: [SubscriptionDto], description: 'Enreach only' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsObject({ each: true, message: 'Subscriptions must hold objects such as { "EventType": "UserAvailability", "AllEntities": true }' })
  @ValidateNested({ each: true })
  @Type(() => SubscriptionDto)
  Subscriptions?: SubscriptionDto[];
}
