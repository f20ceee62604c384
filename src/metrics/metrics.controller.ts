import { Controller, Get, Header } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
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
  scrapeMetrics(): Promise<string> {
    return this.scrape.metrics();
  }
}
