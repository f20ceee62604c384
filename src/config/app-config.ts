import type { LogLevel, Role } from './environment';

/** The typed, validated configuration every module reads (injected by class). */
export class AppConfig {
  http!: { port: number; host: string; adminApiKey: string | null; allowUnauthenticatedAdmin: boolean; allowedHosts: string[] };
  /** The port of a worker-only process's /metrics server (API roles serve /metrics on `http.port`). */
  metricsPort!: number;
  database!: { url: string | null; embeddedDir: string };
  /** clusterNodes set: a Redis Cluster, and `url` is not used. */
  redis!: { url: string | null; clusterNodes: { host: string; port: number }[]; prefix: string };
  role!: Role;
  logLevel!: LogLevel;
  /** allowedEndpointHosts empty: any host, as on the platform. */
  webhooks!: { allowAnyEndpointPort: boolean; allowedEndpointHosts: string[] };
  delivery!: {
    timeoutMs: number;
    retryScheduleMs: number[];
    retryJitter: number;
    concurrency: number;
    maxInFlightPerWebhook: number;
    reconcileIntervalMs: number;
    jobLockMs: number;
  };
  timeScale!: number;
  demoOrganization!: boolean;
  simulationSeed!: string;
  retentionDays!: number;

  get runsApi(): boolean {
    return this.role !== 'worker';
  }

  get runsWorker(): boolean {
    return this.role !== 'api';
  }
}
