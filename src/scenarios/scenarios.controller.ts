import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParamPipe } from '../common/uuid-param.pipe';
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
  list(@Query('limit') limit?: string) {
    const n = Number(limit ?? 50);
    return this.scenarios.list(Number.isInteger(n) && n > 0 ? Math.min(n, 500) : 50);
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
