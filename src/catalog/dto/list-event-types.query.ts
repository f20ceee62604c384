import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { WEBHOOK_PLATFORMS, type WebhookPlatform } from '../../webhooks/webhook-platform';

export class ListEventTypesQuery {
  @ApiPropertyOptional({ enum: WEBHOOK_PLATFORMS, default: 'enreach', description: "Whose event types: Enreach's 34 or Landis's 3 webhook events" })
  @IsOptional()
  @IsIn(WEBHOOK_PLATFORMS, { message: `platform must be one of ${WEBHOOK_PLATFORMS.join(', ')}` })
  platform?: WebhookPlatform;
}
