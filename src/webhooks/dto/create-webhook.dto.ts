import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDefined, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { SubscriptionDto } from './subscription.dto';
import { WebhookSettingsDto } from './webhook-settings.dto';

/** The platform's own configuration document, as in the webhook documentation's sample. */
export class CreateWebhookDto {
  @ApiProperty({ type: WebhookSettingsDto })
  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => WebhookSettingsDto)
  Webhook!: WebhookSettingsDto;

  @ApiPropertyOptional({ type: [SubscriptionDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsObject({ each: true, message: 'Subscriptions must hold objects such as { "EventType": "UserAvailability", "AllEntities": true }' })
  @ValidateNested({ each: true })
  @Type(() => SubscriptionDto)
  Subscriptions?: SubscriptionDto[];
}
