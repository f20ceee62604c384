import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { SubscriptionDto } from './dto/subscription.dto';
import { WebhookSettingsDto } from './dto/webhook-settings.dto';
import { WebhooksService } from './webhooks.service';

const uuid = new UuidParamPipe();

@ApiTags('webhooks')
@Controller('api/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({ summary: "Configure an endpoint and its subscriptions with the platform's own document" })
  create(@Body() dto: CreateWebhookDto) {
    return this.webhooks.create(dto);
  }

  @Get()
  @ApiOperation({ summary: 'All webhook endpoints with their subscriptions' })
  list() {
    return this.webhooks.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One webhook endpoint with its subscriptions and delivery figures' })
  get(@Param('id', uuid) id: string) {
    return this.webhooks.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change Endpoint, InsecureSSL, Secret, IsActive, Headers or RetrySchedule' })
  update(@Param('id', uuid) id: string, @Body() dto: WebhookSettingsDto) {
    return this.webhooks.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a webhook endpoint and its subscriptions' })
  remove(@Param('id', uuid) id: string) {
    return this.webhooks.remove(id);
  }

  @Get(':id/subscriptions')
  @ApiOperation({ summary: "A webhook's subscriptions" })
  listSubscriptions(@Param('id', uuid) id: string) {
    return this.webhooks.listSubscriptions(id);
  }

  @Post(':id/subscriptions')
  @ApiOperation({ summary: 'Subscribe a webhook to one event type, for one entity or all' })
  addSubscription(@Param('id', uuid) id: string, @Body() dto: SubscriptionDto) {
    return this.webhooks.addSubscription(id, dto);
  }

  @Delete(':id/subscriptions/:subscriptionId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove one subscription' })
  removeSubscription(@Param('id', uuid) id: string, @Param('subscriptionId', uuid) subscriptionId: string) {
    return this.webhooks.removeSubscription(id, subscriptionId);
  }
}
