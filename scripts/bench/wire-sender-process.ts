import { resolve } from 'node:path';
import { connect } from 'node:tls';
import { performance } from 'node:perf_hooks';

/**
 * One side of the `wire` rows, in a process of its own (as the worker is), configured by
 * environment; prints one JSON line and exits.
 *
 * MODE=undici: the worker's own sender (the built src/deliveries/http-sender.ts, as the worker
 * runs it) POSTs COUNT payloads to the receiver with IN_FLIGHT at a time over as many
 * connections: the HTTPS leg alone, no queue, no database. Prints the attempts that failed (the receiver times the arrivals).
 *
 * MODE=raw: the receiver's capacity on its own: CONNECTIONS TLS sockets each keep DEPTH
 * requests pipelined, written from one prepared buffer and answers counted by their bytes, so
 * the client costs far less per request than the receiver. Runs SECONDS and prints the count.
 */
const env = (name: string, fallback?: string) => process.env[name] ?? fallback ?? '';
const dist = async (path: string) => (await import(resolve(__dirname, '../../dist/src', `${path}.js`))) as Record<string, unknown>;

interface Payload {
  Id: string;
  EventType: string;
}

async function payloads(count: number): Promise<string[]> {
  const { makeEvent } = (await dist('catalog/event-factory')) as { makeEvent: (type: string, v: object, o: object) => Payload };
  const { SeededRandom } = (await dist('common/seeded-random')) as { SeededRandom: new (seed: string) => object };
  const rng = new SeededRandom('bench-wire');
  return Array.from({ length: count }, () => JSON.stringify(makeEvent('QueueStatus', {}, { rng })));
}

async function undici(port: number): Promise<void> {
  const count = Number(env('COUNT'));
  const inFlight = Number(env('IN_FLIGHT'));
  const { HttpSender } = (await dist('deliveries/http-sender')) as {
    HttpSender: new (o: object) => { send: (r: object) => Promise<{ outcome: string }>; close: () => Promise<void> };
  };
  const { deliveryHeaders } = (await dist('deliveries/delivery-request')) as { deliveryHeaders: (w: object, t: string) => Record<string, string> };
  const sender = new HttpSender({ connectionsPerOrigin: inFlight });
  const bodies = await payloads(count);
  const webhook = { headers: {}, secret: null };
  const url = `https://127.0.0.1:${port}/wire`;
  let next = 0;
  let failed = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      // The same request the worker makes: the stored body, the platform's headers, the attempt's deadline.
      const result = await sender.send({ url, body: bodies[i], headers: deliveryHeaders(webhook, 'QueueStatus'), insecureSsl: true, timeoutMs: 10_000 });
      if (result.outcome !== 'delivered') failed++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, lane));
  await sender.close();
  process.stdout.write(`${JSON.stringify({ failed })}\n`);
}

async function raw(port: number): Promise<void> {
  const connections = Number(env('CONNECTIONS', '8'));
  const depth = Number(env('DEPTH', '32'));
  const seconds = Number(env('SECONDS', '3'));
  const body = (await payloads(1))[0];
  const request = Buffer.from(
    `POST /wire HTTP/1.1\r\nhost: 127.0.0.1:${port}\r\nconnection: keep-alive\r\nx-benemen-event: QueueStatus\r\n` +
      `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  const answerBytes = Buffer.byteLength('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n');
  let answered = 0;
  let running = true;
  const sockets = await Promise.all(
    Array.from(
      { length: connections },
      () =>
        new Promise<ReturnType<typeof connect>>((done, fail) => {
          const socket = connect({ host: '127.0.0.1', port, rejectUnauthorized: false }, () => done(socket));
          socket.once('error', fail);
        }),
    ),
  );
  for (const socket of sockets) {
    socket.setNoDelay(true);
    let bytes = 0;
    socket.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      const n = Math.floor(bytes / answerBytes);
      bytes -= n * answerBytes;
      answered += n;
      // Keep the pipeline full: one request out for each answer in.
      if (running && n > 0) socket.write(n === 1 ? request : Buffer.concat(Array.from({ length: n }, () => request)));
    });
    socket.write(Buffer.concat(Array.from({ length: depth }, () => request)));
  }
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, 500)); // warm-up: TLS, JIT
  const from = answered;
  const t1 = performance.now();
  await new Promise((r) => setTimeout(r, seconds * 1000));
  const perSecond = (answered - from) / ((performance.now() - t1) / 1000);
  running = false;
  for (const socket of sockets) socket.destroy();
  process.stdout.write(`${JSON.stringify({ perSecond: Math.round(perSecond), answered, seconds: (performance.now() - t0) / 1000 })}\n`);
}

const port = Number(env('PORT'));
(env('MODE') === 'raw' ? raw(port) : undici(port)).then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
