import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ResetService } from './reset.service';

@ApiTags('reset')
@Controller('api/reset')
export class ResetController {
  constructor(private readonly resets: ResetService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Between tests: remove all events, deliveries, attempts, scenario runs and SmartRouting requests, and their queued jobs; keep webhooks, subscriptions and the organisation',
  })
  reset() {
    return this.resets.reset();
  }
}
