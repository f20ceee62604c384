import { LeanReceiver } from './lean-receiver';

/**
 * The benchmark's HTTPS receiver in its own process, so it does not share an event loop with the
 * emulator it measures. Talks to the parent over IPC: sends { port }, answers 'report' with the
 * ids and receipt times (epoch ms), 'total' with the requests counted since start, and exits on 'stop'.
 */
async function main(): Promise<void> {
  // --hang: a receiver that never answers (the isolation bench's hung webhook).
  // --count-only: the capacity probe, which only counts.
  const receiver = await LeanReceiver.start({ hang: process.argv.includes('--hang'), record: !process.argv.includes('--count-only') });
  process.send!({ type: 'ready', port: receiver.port });
  process.on('message', async (message: string) => {
    if (message === 'report') {
      process.send!({ type: 'report', ids: receiver.ids, receivedAt: receiver.receivedAt, connections: receiver.connections });
    } else if (message === 'total') {
      process.send!({ type: 'total', total: receiver.total });
    } else if (message === 'reset') {
      receiver.reset();
      process.send!({ type: 'reset' });
    } else if (message === 'stop') {
      await receiver.close();
      process.exit(0);
    }
  });
}

void main();
