import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiAnswer, t } from '../common/openapi/schema';
import { ScenarioResponse } from './dto/scenario.response';
import { UuidParamPipe } from '../common/uuid-param.pipe';
import { LimitQuery } from '../common/dto/page.query';
import { CreateScenarioDto } from './dto/create-scenario.dto';
import { ScenariosService } from './scenarios.service';

@ApiTags('scenarios')
@Controller('api/scenarios')
export class ScenariosController {
  constructor(private readonly scenarios: ScenariosService) {}

  @Post()
  @ApiOperation({ summary: 'Start a seeded load and retry scenario through the simulation and the normal delivery path' })
  @ApiBody({
    type: CreateScenarioDto,
    examples: {
      constant: {
        summary: 'One call a second for a virtual minute, 30 times faster',
        value: { Seed: 42, DurationSeconds: 60, CallsPerSecond: 1, TimeScale: 30 },
      },
      retries: {
        summary: 'A ramp with duplicates and out-of-order events',
        value: {
          Seed: 'ramp-1',
          Pattern: 'ramp',
          From: 0.5,
          To: 2,
          DurationSeconds: 30,
          TimeScale: 30,
          Retry: { Schedule: '1s,2s', DuplicateRate: 0.05, OutOfOrderRate: 0.05 },
        },
      },
    },
  })
  @ApiAnswer(201, ScenarioResponse, 'The running scenario')
  start(@Body() dto: CreateScenarioDto) {
    return this.scenarios.start(dto);
  }

  @Get()
  @ApiOperation({ summary: 'Past and running scenarios, newest first (without their reports)' })
  @ApiAnswer(200, t.array(ScenarioResponse), 'Newest first')
  list(@Query() query: LimitQuery) {
    return this.scenarios.list(query.limit);
  }

  @Get(':id')
  @ApiOperation({ summary: "A scenario's progress and, once finished, its report" })
  @ApiAnswer(200, ScenarioResponse, 'The scenario')
  get(@Param('id', new UuidParamPipe()) id: string) {
    return this.scenarios.get(id);
  }

  @Delete(':id')
  @HttpCode(202)
  @ApiOperation({ summary: 'Stop a running scenario: no new calls; accepted deliveries still complete, then the report is written' })
  @ApiAnswer(202, ScenarioResponse, 'The scenario, stopping')
  stop(@Param('id', new UuidParamPipe()) id: string) {
    return this.scenarios.stop(id);
  }
}
