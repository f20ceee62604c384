import { Controller, type MessageEvent, Sse } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiTextAnswer } from '../common/openapi/schema';
import { Observable } from 'rxjs';
import { FEED_TICK_MS, LiveFeed } from './live-feed.service';

@ApiTags('console')
@Controller('api/stream')
export class StreamController {
  constructor(private readonly feed: LiveFeed) {}

  @Sse()
  @ApiOperation({
    summary: `Server-Sent Events: new events and deliveries and delivery status changes, in one "batch" message every ${FEED_TICK_MS} ms when anything happened`,
  })
  @ApiTextAnswer(200, 'text/event-stream', 'Server-Sent Events: `event: batch` with `data:` a JSON object of new events, deliveries and status changes')
  stream(): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => this.feed.subscribe((batch) => subscriber.next({ type: 'batch', data: batch })));
  }
}
