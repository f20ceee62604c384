import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, named, t } from '../common/openapi/schema';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../auth/public.decorator';
import { RedisHealthIndicator } from './redis.health';

const dependencies = t.record(t.object({ status: t.enum(['up', 'down']) }, [], { additionalProperties: true }), {
  example: { postgres: { status: 'up' }, redis: { status: 'up' } },
});
/** Terminus's report, as sent with 200 and 503. */
const HEALTH_REPORT = named(
  'HealthReport',
  t.object({ status: t.enum(['ok', 'error', 'shutting_down']), info: dependencies, error: dependencies, details: dependencies }, ['info', 'error']),
);

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get()
  @Public()
  @HealthCheck({ noCache: true, swaggerDocumentation: false })
  @ApiOperation({ summary: 'PostgreSQL and Redis reachability (503 when either is down)' })
  @ApiAnswer(200, HEALTH_REPORT, 'Both are up')
  @ApiAnswer(503, HEALTH_REPORT, 'One is down: error names it')
  check() {
    return this.health.check([() => this.db.pingCheck('postgres', { timeout: 3000 }), () => this.redis.isHealthy('redis')]);
  }
}
