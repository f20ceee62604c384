import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
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
  @ApiOperation({ summary: 'Send the same event (same Id) again now, recorded as a manual attempt' })
  resend(@Param('id', new UuidParamPipe()) id: string) {
    return this.deliveries.resend(id);
  }
}
