import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, ApiNoContent } from '../common/openapi/schema';
import { SmartRoutingConfigResponse, SmartRoutingRequestPageResponse } from './dto/smart-routing.response';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ListRoutingRequestsQuery, SmartRoutingConfigDto } from './dto/smart-routing-config.dto';
import { SmartRoutingService } from './smart-routing.service';

const uuid = new UuidParamPipe();

@ApiTags('smart routing')
@Controller('api')
export class SmartRoutingController {
  constructor(private readonly smartRouting: SmartRoutingService) {}

  @Put('queues/:id/smart-routing')
  @ApiOperation({ summary: 'Point a queue at a SmartRouting endpoint (credentials are never returned)' })
  @ApiBody({
    type: SmartRoutingConfigDto,
    examples: {
      apiKey: {
        summary: 'An endpoint with an API key',
        value: { Endpoint: 'https://routing.example.com/smartrouting', ApiKey: 'my-routing-key', TargetId: 'SALES_QUEUE', TimeoutMs: 3000 },
      },
      basic: {
        summary: 'Basic authentication, extra data',
        value: {
          Endpoint: 'https://routing.example.com/smartrouting',
          Auth: 'basic',
          Username: 'router',
          Password: 'secret',
          SendExtraData: true,
          DynamicValues: { CustomerTier: 'gold' },
        },
      },
    },
  })
  @ApiAnswer(200, SmartRoutingConfigResponse, 'The stored configuration')
  configure(@Param('id', uuid) id: string, @Body() dto: SmartRoutingConfigDto) {
    return this.smartRouting.configure(id, dto);
  }

  @Get('queues/:id/smart-routing')
  @ApiOperation({ summary: "A queue's SmartRouting configuration (credentials are never returned)" })
  @ApiAnswer(200, SmartRoutingConfigResponse, 'The configuration')
  get(@Param('id', uuid) id: string) {
    return this.smartRouting.get(id);
  }

  @Delete('queues/:id/smart-routing')
  @HttpCode(204)
  @ApiOperation({ summary: "Remove a queue's SmartRouting: its calls are routed by the queue alone" })
  @ApiNoContent('Removed')
  remove(@Param('id', uuid) id: string) {
    return this.smartRouting.remove(id);
  }

  @Get('smart-routing/requests')
  @ApiOperation({ summary: 'The decision log: request, answer, latency, outcome and what was applied' })
  @ApiAnswer(200, SmartRoutingRequestPageResponse, 'One page, newest first, and the total')
  list(@Query() query: ListRoutingRequestsQuery) {
    return this.smartRouting.listRequests(query);
  }
}
