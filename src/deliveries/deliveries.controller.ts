import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer } from '../common/openapi/schema';
import { BulkResendResponse, DeliveryDetailResponse, DeliveryPageResponse } from './dto/delivery.response';
import { longPoll } from '../common/long-poll';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { BulkResendService } from './bulk-resend.service';
import { DeliveriesService } from './deliveries.service';
import { BulkResendDto, MAX_BULK_RESEND } from './dto/bulk-resend.dto';
import { ListDeliveriesQuery } from './dto/list-deliveries.query';

@ApiTags('deliveries')
@Controller('api/deliveries')
export class DeliveriesController {
  constructor(
    private readonly deliveries: DeliveriesService,
    private readonly bulk: BulkResendService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Deliveries, newest first; filter by webhook, event, type, status and time; waitMs holds until one matches' })
  @ApiAnswer(200, DeliveryPageResponse, 'One page, newest first, and the total')
  list(@Query() query: ListDeliveriesQuery, @Res({ passthrough: true }) res: Response) {
    return longPoll(
      () => this.deliveries.list(query),
      query.waitMs,
      () => res.writableEnded || !res.socket || res.socket.destroyed,
    );
  }

  @Get(':id')
  @ApiOperation({ summary: 'One delivery with the exact request (URL, headers with the token masked, body) and its attempt log' })
  @ApiAnswer(200, DeliveryDetailResponse, 'The delivery, its request and attempt log')
  get(@Param('id', new UuidParamPipe()) id: string) {
    return this.deliveries.get(id);
  }

  @Post(':id/resend')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send the same event (same Id) again now, recorded as a manual attempt',
    description:
      '200 with the delivery and its new attempt; 202 with the delivery as it is when the attempt did not end within the time-out plus 5 s (a slow receiver, a webhook at its cap): the attempt still happens.',
  })
  @ApiAnswer(200, DeliveryDetailResponse, 'The delivery with its new attempt')
  @ApiAnswer(202, DeliveryDetailResponse, 'The attempt did not end in time; it still happens')
  async resend(@Param('id', new UuidParamPipe()) id: string, @Res({ passthrough: true }) res: Response) {
    const { done, delivery } = await this.deliveries.resend(id);
    if (!done) res.status(202);
    return delivery;
  }

  @Post('resend')
  @HttpCode(200)
  @ApiOperation({ summary: `Resend every delivery matching a filter (e.g. status=discarded and a webhookId), oldest first, at most max (${MAX_BULK_RESEND})` })
  @ApiBody({ type: BulkResendDto, examples: { discarded: { summary: 'Every discarded delivery, at most 100', value: { status: 'discarded', max: 100 } } } })
  @ApiAnswer(200, BulkResendResponse, 'What matched and how each resend ended')
  resendMatching(@Body() dto: BulkResendDto) {
    return this.bulk.resend(dto);
  }
}
