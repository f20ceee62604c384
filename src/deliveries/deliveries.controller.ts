import { Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { DeliveriesService } from './deliveries.service';
import { ListDeliveriesQuery } from './dto/list-deliveries.query';

@ApiTags('deliveries')
@Controller('api/deliveries')
export class DeliveriesController {
  constructor(private readonly deliveries: DeliveriesService) {}

  @Get()
  @ApiOperation({ summary: 'Deliveries, newest first; filter by webhook, event, type, status and time' })
  list(@Query() query: ListDeliveriesQuery) {
    return this.deliveries.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One delivery with its attempt log' })
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
  async resend(@Param('id', new UuidParamPipe()) id: string, @Res({ passthrough: true }) res: Response) {
    const { done, delivery } = await this.deliveries.resend(id);
    if (!done) res.status(202);
    return delivery;
  }
}
