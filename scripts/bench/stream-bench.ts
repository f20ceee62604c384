import type { WebhookPayload } from '../../src/catalog/payload.types';
import type { ReceiverProcess } from './child';
import { emitSteadily, latencyFigures, sleep, waitForReceived, WARM_UP_SECONDS, type LatencyFigures } from './measure';

export interface StreamFigures {
  rate: number;
  seconds: number;
  /** Emit-to-receiver latency at the rate without a console watching, then with the live stream open. */
  withoutStream: LatencyFigures;
  withStream: LatencyFigures;
  stream: {
    batches: number;
    /** Events the batches counted (NewEvents) against those emitted while it was open. */
    eventsCounted: number;
    eventsEmitted: number;
    rowsSent: number;
    kbSent: number;
    maxGapMs: number;
    /** Emit to the batch that listed the event arriving at the client, p50 / p99. */
    lagP50Ms: number;
    lagP99Ms: number;
  };
}

interface Run {
  publish: (payload: WebhookPayload) => void;
  events: (n: number) => WebhookPayload[];
}

async function steady(receiver: ReceiverProcess, run: Run, rate: number, seconds: number) {
  await receiver.request('reset');
  const warmUp = rate * WARM_UP_SECONDS;
  const payloads = run.events(warmUp + rate * seconds);
  const emittedAt = await emitSteadily(payloads.length, rate, (i) => run.publish(payloads[i]));
  const report = await waitForReceived(receiver, payloads.length, 60_000);
  return {
    payloads,
    emittedAt,
    latency: latencyFigures(
      report,
      payloads.map((p) => p.Id),
      emittedAt,
      warmUp,
    ),
  };
}

/**
 * The console's live stream under load: the same steady rate twice, first with nobody watching,
 * then with a client reading GET /api/stream, so the two latencies show what watching costs the
 * delivery path, and the stream's own figures show that it keeps up by batching.
 */
export async function benchLiveStream(apiUrl: string, receiver: ReceiverProcess, run: Run, rate: number, seconds: number): Promise<StreamFigures> {
  const withoutStream = (await steady(receiver, run, rate, seconds)).latency;

  const controller = new AbortController();
  const res = await fetch(`${apiUrl}/api/stream`, { signal: controller.signal });
  const listedAt = new Map<string, number>();
  let batches = 0;
  let eventsCounted = 0;
  let rowsSent = 0;
  let bytes = 0;
  let maxGapMs = 0;
  let last = 0;
  const reading = (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        bytes += chunk.byteLength;
        buffer += decoder.decode(chunk, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const data = buffer
            .slice(0, end)
            .split('\n')
            .find((l) => l.startsWith('data:'));
          buffer = buffer.slice(end + 2);
          if (!data) continue;
          const now = performance.timeOrigin + performance.now();
          const batch = JSON.parse(data.slice(5)) as { Events: { Id: string }[]; Deliveries: unknown[]; NewEvents: number };
          if (last) maxGapMs = Math.max(maxGapMs, now - last);
          last = now;
          batches++;
          eventsCounted += batch.NewEvents;
          rowsSent += batch.Events.length + batch.Deliveries.length;
          for (const e of batch.Events) listedAt.set(e.Id, now);
        }
      }
    } catch {
      // aborted when the run ends
    }
  })();
  await sleep(500);
  const watched = await steady(receiver, run, rate, seconds);
  await sleep(1000); // the last batch
  controller.abort();
  await reading;
  const lags = watched.payloads
    .map((p, i) => (listedAt.get(p.Id) ?? NaN) - watched.emittedAt[i])
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  const at = (q: number) => Math.round(lags[Math.min(lags.length - 1, Math.floor(q * lags.length))] ?? NaN);
  return {
    rate,
    seconds,
    withoutStream,
    withStream: watched.latency,
    stream: {
      batches,
      eventsCounted,
      eventsEmitted: watched.payloads.length,
      rowsSent,
      kbSent: Math.round(bytes / 1024),
      maxGapMs: Math.round(maxGapMs),
      lagP50Ms: at(0.5),
      lagP99Ms: at(0.99),
    },
  };
}
