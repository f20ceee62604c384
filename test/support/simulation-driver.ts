import { EVENT_TYPE_NAMES } from '../../src/catalog/event-catalog';
import { adminApi as makeAdminApi, type adminApi } from './api';
import { HttpsReceiver } from './https-receiver';
import { receiverUrl } from './receiver-host';
import { startTestApp, type TestApp } from './test-app';

export type Payload = Record<string, unknown> & { Id: string; EventType: string; Timestamp: string };

export interface Delivered {
  payload: Payload;
  body: string;
}

/** Drives the simulation through the admin API and reads back what the receiver got for each run. */
export function simulationDriver(h: ReturnType<typeof adminApi>, receiver: HttpsReceiver, path: string) {
  const mine = () => receiver.requests.filter((r) => r.path === path);
  return {
    async reset(body: Record<string, unknown>): Promise<{ RunId: string }> {
      return (await h.api().post('/api/simulation/reset').send(body).expect(200)).body;
    },
    async advance(seconds: number): Promise<void> {
      await h.api().post('/api/simulation/advance').send({ Seconds: seconds }).expect(200);
    },
    async state(): Promise<{ RunId: string; EmittedEvents: number; RefusedEvents: number; Replay: boolean }> {
      return (await h.api().get('/api/simulation').expect(200)).body;
    },
    /** How many requests this path has received so far: a mark before a run. */
    mark(): number {
      return mine().length;
    },
    /**
     * Waits until every event the current run emitted (less those the store refused) has reached the
     * receiver since `mark`, and returns them in arrival order.
     */
    async delivered(mark: number, timeoutMs = 20_000): Promise<Delivered[]> {
      const started = Date.now();
      for (;;) {
        // Refusals are counted when the store answers, so the expectation is read again each round.
        const s = (await h.api().get('/api/simulation').expect(200)).body as { EmittedEvents: number; RefusedEvents: number };
        const got = mine().length - mark;
        if (got >= s.EmittedEvents - s.RefusedEvents) break;
        if (Date.now() - started > timeoutMs) throw new Error(`receiver got ${got} of ${s.EmittedEvents - s.RefusedEvents} events of the run`);
        await new Promise((r) => setTimeout(r, 50));
      }
      return mine()
        .slice(mark)
        .map((r) => ({ payload: r.json as Payload, body: r.body }));
    },
  };
}

export interface SimulationRig {
  receiver: HttpsReceiver;
  app: TestApp;
  h: ReturnType<typeof adminApi>;
  sim: ReturnType<typeof simulationDriver>;
  close(): Promise<void>;
}

/**
 * An HTTPS receiver on 127.0.0.1:443, the app with the demo organisation, and a webhook for all 34
 * types to the receiver's `path`. `respond` answers the receiver's other paths (SmartRouting).
 */
export async function startSimulationRig(path: string, respond?: Parameters<HttpsReceiver['respondWith']>[0]): Promise<SimulationRig> {
  const receiver = await HttpsReceiver.start({ port: 443 });
  if (respond) receiver.respondWith(respond);
  const app = await startTestApp({ DEMO_ORGANIZATION: 'true' });
  const h = makeAdminApi(app);
  await h.createWebhook(
    { Endpoint: receiverUrl(path), InsecureSSL: true },
    EVENT_TYPE_NAMES.map((EventType) => ({ EventType, AllEntities: true })),
  );
  return {
    receiver,
    app,
    h,
    sim: simulationDriver(h, receiver, path),
    async close() {
      await app.close();
      await receiver.close();
    },
  };
}
