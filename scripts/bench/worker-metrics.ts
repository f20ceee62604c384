import { setTimeout as sleep } from 'node:timers/promises';

/** What the worker's own /metrics said at one moment of the run. */
export interface WorkerMetricsSample {
  /** Milliseconds since scraping began. */
  atMs: number;
  attempts: number;
  delivered: number;
}

/** Sums every sample of `name` whose labels include `label` (all webhooks together). */
function total(text: string, name: string, label = ''): number {
  let sum = 0;
  for (const line of text.split('\n')) if (line.startsWith(`${name}{`) && line.includes(label)) sum += Number(line.split(' ').pop());
  return sum;
}

/**
 * Scrapes a ROLE=worker process's /metrics (METRICS_PORT) every `everyMs` until stopped, as
 * Prometheus would, so the bench shows the worker's attempts while it drains a backlog.
 */
export function scrapeWorkerMetrics(url: string, everyMs: number): { stop: () => Promise<WorkerMetricsSample[]> } {
  const samples: WorkerMetricsSample[] = [];
  const started = performance.now();
  let running = true;
  const loop = (async () => {
    while (running) {
      const text = await (await fetch(url)).text();
      samples.push({
        atMs: Math.round(performance.now() - started),
        attempts: total(text, 'emulator_delivery_attempts_total'),
        delivered: total(text, 'emulator_delivery_attempts_total', 'outcome="delivered"'),
      });
      await sleep(everyMs);
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return samples;
    },
  };
}
