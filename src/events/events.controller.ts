import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { longPoll } from '../common/long-poll';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { ListEventsQuery } from './dto/list-events.query';
import { SendTestDto } from './dto/send-test.dto';
import { EventsService } from './events.service';
import { ApiAnswer } from '../common/openapi/schema';
import { EmittedEventResponse, EventDetailResponse, EventPageResponse, TestSendResponse } from './dto/event.response';

@ApiTags('events')
@Controller()
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Post('api/events')
  @ApiOperation({ summary: 'Emit one event of any type; values left out are filled realistically' })
  @ApiBody({
    schema: { $ref: '#/components/schemas/EmitEventRequest' },
    examples: {
      readme: {
        summary: "The README tour's event",
        value: { EventType: 'QueueCallInUserAllocated', QueueName: 'Sample queue 1', Timestamp: '2018-01-01T08:01:23.45' },
      },
      arrived: {
        summary: 'A call arrives in the demo Sales queue',
        value: { EventType: 'QueueCallInArrived', QueueName: 'Sales', CallerNumber: '+358401234567' },
      },
    },
  })
  @ApiAnswer(201, EmittedEventResponse, 'The payload as built and the deliveries made for it')
  emit(@Body() body: Record<string, unknown>) {
    return this.events.emit(body);
  }

  @Get('api/events')
  @ApiOperation({ summary: 'Stored events, newest first; filter by Id, type, entity, call and time; waitMs holds until one matches' })
  @ApiAnswer(200, EventPageResponse, 'One page, newest first, and the total')
  list(@Query() query: ListEventsQuery, @Res({ passthrough: true }) res: Response) {
    return longPoll(
      () => this.events.list(query),
      query.waitMs,
      () => res.writableEnded || !res.socket || res.socket.destroyed,
    );
  }

  @Get('api/events/:id')
  @ApiOperation({ summary: 'One event: its exact payload and its deliveries' })
  @ApiAnswer(200, EventDetailResponse, 'The event and its deliveries')
  get(@Param('id', new UuidParamPipe()) id: string) {
    return this.events.get(id);
  }

  @Post('api/webhooks/:id/test')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Send a realistic sample event to this webhook through the normal delivery path (one attempt); ' +
      "a Landis webhook gets App.TestWebhook, delivered with ABP's retries, when it is active and lists that event",
  })
  @ApiBody({ required: false, type: SendTestDto, examples: { userStatus: { summary: 'A UserStatus event', value: { EventType: 'UserStatus' } } } })
  @ApiAnswer(202, TestSendResponse, 'The sample sent and its delivery (one manual attempt); for a Landis webhook Id, WebhookEvent, Data and DeliveryId')
  test(@Param('id', new UuidParamPipe()) id: string, @Body() body: SendTestDto) {
    return this.events.sendTest(id, body.EventType);
  }
}
