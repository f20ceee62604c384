import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiTextAnswer } from '../common/openapi/schema';
import { register } from 'prom-client';
import { Public } from '../auth/public.decorator';
import { MetricsScrape } from './metrics-scrape';

@ApiTags('health')
@Controller('metrics')
export class MetricsController {
  constructor(private readonly scrape: MetricsScrape) {}

  @Get()
  @Public()
  @Header('Content-Type', register.contentType)
  @ApiOperation({ summary: 'Prometheus metrics: events, attempts and latency by webhook, event-to-delivered latency, queue depth, discards, process' })
  @ApiTextAnswer(200, 'text/plain', 'The Prometheus text exposition format (version 0.0.4)')
  scrapeMetrics(): Promise<string> {
    return this.scrape.metrics();
  }
}
