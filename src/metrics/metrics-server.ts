import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppConfig } from '../config/app-config';
import { MetricsScrape } from './metrics-scrape';

/**
 * /metrics of a ROLE=worker process, which serves no admin API: a bare HTTP server on
 * METRICS_PORT, so the attempts, discards and latencies that only workers record can be scraped.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(MetricsServer.name);
  private server: Server | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly scrape: MetricsScrape,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Only GET /metrics is served here\n');
        return;
      }
      this.scrape.metrics().then(
        (text) => res.writeHead(200, { 'content-type': this.scrape.contentType }).end(text),
        (e: unknown) => res.writeHead(503, { 'content-type': 'text/plain' }).end(`Metrics unavailable: ${String(e)}\n`),
      );
    });
    const { host } = this.config.http;
    await new Promise<void>((listening, fail) => {
      server.once('error', (e: NodeJS.ErrnoException) =>
        fail(
          new Error(
            `METRICS_PORT=${this.config.metricsPort}: cannot serve /metrics on ${host} (${e.code ?? e.message}); set METRICS_PORT to a free port, or 0 for any`,
          ),
        ),
      );
      server.listen(this.config.metricsPort, host, () => listening());
    });
    this.server = server;
    const { port } = server.address() as AddressInfo;
    this.logger.log(`metrics on http://${host.includes(':') ? `[${host}]` : host}:${port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise((closed) => server.close(closed));
  }
}
