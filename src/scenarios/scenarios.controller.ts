import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
  start(@Body() dto: CreateScenarioDto) {
    return this.scenarios.start(dto);
  }

  @Get()
  @ApiOperation({ summary: 'Past and running scenarios, newest first (without their reports)' })
  list(@Query() query: LimitQuery) {
    return this.scenarios.list(query.limit);
  }

  @Get(':id')
  @ApiOperation({ summary: "A scenario's progress and, once finished, its report" })
  get(@Param('id', new UuidParamPipe()) id: string) {
    return this.scenarios.get(id);
  }

  @Delete(':id')
  @HttpCode(202)
  @ApiOperation({ summary: 'Stop a running scenario: no new calls; accepted deliveries still complete, then the report is written' })
  stop(@Param('id', new UuidParamPipe()) id: string) {
    return this.scenarios.stop(id);
  }
}
