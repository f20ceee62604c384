import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiNoContent, t } from '../common/openapi/schema';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { CreateWebhookDto } from './dto/create-webhook.dto';
import { SubscriptionDto } from './dto/subscription.dto';
import { WebhookSettingsDto } from './dto/webhook-settings.dto';
import { CreatedSubscriptionResponse, SubscriptionResponse, WebhookResponse } from './dto/webhook.response';
import { CREATE_WEBHOOK_EXAMPLES, SUBSCRIPTION_EXAMPLES, UPDATE_WEBHOOK_EXAMPLES } from './dto/webhook.examples';
import { WebhooksService } from './webhooks.service';

const uuid = new UuidParamPipe();

@ApiTags('webhooks')
@Controller('api/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({ summary: "Configure an endpoint and its subscriptions with the platform's own document" })
  @ApiBody({ type: CreateWebhookDto, examples: CREATE_WEBHOOK_EXAMPLES })
  @ApiAnswer(201, WebhookResponse, 'The stored webhook (HasSecret, never the secret) with its delivery figures and the aliases it resolved')
  create(@Body() dto: CreateWebhookDto) {
    return this.webhooks.create(dto);
  }

  @Get()
  @ApiOperation({ summary: 'All webhook endpoints with their subscriptions' })
  @ApiAnswer(200, t.array(WebhookResponse), 'Oldest first')
  list() {
    return this.webhooks.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One webhook endpoint with its subscriptions and delivery figures' })
  @ApiAnswer(200, WebhookResponse, 'The webhook')
  get(@Param('id', uuid) id: string) {
    return this.webhooks.get(id);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change Endpoint, InsecureSSL, Secret, IsActive, Headers or RetrySchedule' })
  @ApiBody({ type: WebhookSettingsDto, examples: UPDATE_WEBHOOK_EXAMPLES })
  @ApiAnswer(200, WebhookResponse, 'The changed webhook')
  update(@Param('id', uuid) id: string, @Body() dto: WebhookSettingsDto) {
    return this.webhooks.update(id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a webhook endpoint and its subscriptions' })
  @ApiNoContent('Removed')
  remove(@Param('id', uuid) id: string) {
    return this.webhooks.remove(id);
  }

  @Get(':id/subscriptions')
  @ApiOperation({ summary: "A webhook's subscriptions" })
  @ApiAnswer(200, t.array(SubscriptionResponse), 'Oldest first')
  listSubscriptions(@Param('id', uuid) id: string) {
    return this.webhooks.listSubscriptions(id);
  }

  @Post(':id/subscriptions')
  @ApiOperation({ summary: 'Subscribe a webhook to one event type, for one entity or all' })
  @ApiBody({ type: SubscriptionDto, examples: SUBSCRIPTION_EXAMPLES })
  @ApiAnswer(201, { oneOf: [CreatedSubscriptionResponse, t.array(SubscriptionResponse)] }, 'The subscription; with AllEventTypes, the list of those it added')
  addSubscription(@Param('id', uuid) id: string, @Body() dto: SubscriptionDto) {
    return this.webhooks.addSubscription(id, dto);
  }

  @Delete(':id/subscriptions/:subscriptionId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove one subscription' })
  @ApiNoContent('Removed')
  removeSubscription(@Param('id', uuid) id: string, @Param('subscriptionId', uuid) subscriptionId: string) {
    return this.webhooks.removeSubscription(id, subscriptionId);
  }
}
