import { HttpsReceiver } from '../../test/support/https-receiver';

/**
 * The benchmark's HTTPS receiver in its own process, so it does not share an event loop with the
 * emulator it measures. Talks to the parent over IPC: sends { port }, answers 'report' with the
 * ids and receipt times (epoch ms), and exits on 'stop'.
 */
async function main(): Promise<void> {
  const receiver = await HttpsReceiver.start({ record: 'count' });
  // --hang: a receiver that never answers (the isolation bench's hung webhook).
  if (process.argv.includes('--hang')) receiver.respondWith(() => ({ hang: true }));
  process.send!({ type: 'ready', port: receiver.port });
  process.on('message', async (message: string) => {
    if (message === 'report') {
      process.send!({ type: 'report', ids: receiver.ids, receivedAt: receiver.receivedAt, connections: receiver.connections });
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
