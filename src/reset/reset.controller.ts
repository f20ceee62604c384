import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, named, t } from '../common/openapi/schema';
import { RESET_TABLES, ResetService } from './reset.service';

@ApiTags('reset')
@Controller('api/reset')
export class ResetController {
  constructor(private readonly resets: ResetService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Between tests: remove all events, deliveries, attempts, scenario runs and SmartRouting requests, and their queued jobs; keep webhooks, subscriptions and the organisation',
  })
  @ApiAnswer(
    200,
    named('ResetResult', t.object({ Removed: t.array(t.enum(RESET_TABLES)), QueuedJobsRemoved: t.integer(), InFlightAttemptsLeftToEnd: t.integer() })),
    'What was removed; attempts in flight are left to end',
  )
  reset() {
    return this.resets.reset();
  }
}
