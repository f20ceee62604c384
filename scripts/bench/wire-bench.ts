import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { startReceiverProcess } from './child';
import { fullSpeedFigures, waitForReceived, type FullSpeedFigures } from './measure';

export interface WireFigures {
  /** The worker's sender alone to the bench's receiver: the same requests, no queue, no database. */
  sender: FullSpeedFigures & { inFlight: number; failed: number };
  /** The receiver alone, driven by a pipelining raw-socket client: what it takes before it is the limit. */
  receiverAlone: { perSecond: number; connections: number; depth: number; seconds: number };
}

/** Runs wire-sender-process.ts with `env` and returns the JSON line it prints. */
function runSender<T>(env: Record<string, string>): Promise<T> {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', resolve(__dirname, 'wire-sender-process.ts')], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += String(d)));
  return new Promise((done, fail) =>
    // 'close': every byte of its output has been read.
    child.once('close', (code) =>
      code === 0 ? done(JSON.parse(out.trim().split('\n').pop()!) as T) : fail(new Error(`wire sender exited with ${code}: ${out}`)),
    ),
  );
}

/**
 * `wire`: the HTTPS leg on its own in the same run, measured the way the pipeline is (arrivals at
 * the same receiver process, middle 80%), with the worker's sender and its per-webhook
 * concurrency; then the receiver's own capacity, so that the leg's figure is the sender's.
 */
export async function benchWire(opts: { events: number; inFlight: number; receiverSeconds: number }): Promise<WireFigures> {
  const receiver = await startReceiverProcess();
  let sender: WireFigures['sender'];
  try {
    const { failed } = await runSender<{ failed: number }>({
      MODE: 'undici',
      PORT: String(receiver.port),
      COUNT: String(opts.events),
      IN_FLIGHT: String(opts.inFlight),
    });
    sender = { ...fullSpeedFigures(await waitForReceived(receiver, opts.events, 60_000)), inFlight: opts.inFlight, failed };
  } finally {
    await receiver.stop();
  }
  const counting = await startReceiverProcess({ countOnly: true });
  try {
    const connections = 8;
    const depth = 32;
    const { perSecond, answered } = await runSender<{ perSecond: number; answered: number }>({
      MODE: 'raw',
      PORT: String(counting.port),
      CONNECTIONS: String(connections),
      DEPTH: String(depth),
      SECONDS: String(opts.receiverSeconds),
    });
    // The client counts answers by their bytes; the receiver's own count must agree.
    const { total } = await counting.request<{ total: number }>('total');
    if (total < answered) throw new Error(`the receiver counted ${total} requests, the client ${answered} answers`);
    return { sender, receiverAlone: { perSecond, connections, depth, seconds: opts.receiverSeconds } };
  } finally {
    await counting.stop();
  }
}

if (require.main === module) {
  benchWire({ events: Number(process.argv[2] ?? 30_000), inFlight: 50, receiverSeconds: 3 }).then((f) => console.log(JSON.stringify(f)));
}
