import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ListRoutingRequestsQuery, SmartRoutingConfigDto } from './dto/smart-routing-config.dto';
import { SmartRoutingService } from './smart-routing.service';

const uuid = new UuidParamPipe();

@ApiTags('smart routing')
@Controller('api')
export class SmartRoutingController {
  constructor(private readonly smartRouting: SmartRoutingService) {}

  @Put('queues/:id/smart-routing')
  @ApiOperation({ summary: "Point a queue at a SmartRouting endpoint (credentials are never returned)" })
  configure(@Param('id', uuid) id: string, @Body() dto: SmartRoutingConfigDto) {
    return this.smartRouting.configure(id, dto);
  }

  @Get('queues/:id/smart-routing')
  get(@Param('id', uuid) id: string) {
    return this.smartRouting.get(id);
  }

  @Delete('queues/:id/smart-routing')
  @HttpCode(204)
  remove(@Param('id', uuid) id: string) {
    return this.smartRouting.remove(id);
  }

  @Get('smart-routing/requests')
  @ApiOperation({ summary: 'The decision log: request, answer, latency, outcome and what was applied' })
  list(@Query() query: ListRoutingRequestsQuery) {
    return this.smartRouting.listRequests(query);
  }
}
