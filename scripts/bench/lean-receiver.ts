import { createServer, type Server, type TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { makeSelfSignedCert } from '../../src/common/self-signed-cert';

const OK = Buffer.from('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length:\s*(\d+)/i;
const ID_KEY = Buffer.from('"Id":"');

/**
 * The bench's webhook receiver: HTTP/1.1 over TLS parsed by hand (request line and headers are
 * skipped, the body is found by its Content-Length), answering each request with a fixed 200.
 * Node's http server builds a request and a response object per request; this builds none, so
 * the receiver is not what limits a run (the wire row shows what it takes on its own). It keeps
 * each payload's `Id` (found without JSON.parse) and its receipt time, for the latency figures.
 */
export class LeanReceiver {
  readonly ids: string[] = [];
  readonly receivedAt: number[] = [];
  connections = 0;
  /** Requests since start (not cleared by reset): the capacity probe only counts. */
  total = 0;
  private readonly sockets = new Set<TLSSocket>();

  private constructor(
    readonly server: Server,
    readonly port: number,
    private readonly opts: { hang: boolean; record: boolean },
  ) {}

  static async start(opts: { hang?: boolean; record?: boolean } = {}): Promise<LeanReceiver> {
    const { key, cert } = makeSelfSignedCert('localhost', []);
    const server = createServer({ key, cert });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const receiver = new LeanReceiver(server, (server.address() as AddressInfo).port, { hang: opts.hang ?? false, record: opts.record ?? true });
    server.on('secureConnection', (socket: TLSSocket) => receiver.serve(socket));
    return receiver;
  }

  reset(): void {
    this.ids.length = 0;
    this.receivedAt.length = 0;
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    await closed;
  }

  private serve(socket: TLSSocket): void {
    this.connections++;
    this.sockets.add(socket);
    socket.setNoDelay(true);
    socket.once('close', () => this.sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    let pending: Buffer | null = null;
    socket.on('data', (chunk: Buffer) => {
      let buf = pending ? Buffer.concat([pending, chunk]) : chunk;
      let answers = 0;
      for (;;) {
        const headerEnd = buf.indexOf(HEADER_END);
        if (headerEnd < 0) break;
        const length = Number(CONTENT_LENGTH.exec(buf.toString('latin1', 0, headerEnd))?.[1] ?? 0);
        const end = headerEnd + 4 + length;
        if (buf.length < end) break;
        this.received(buf, headerEnd + 4, end);
        answers++;
        buf = buf.subarray(end);
      }
      pending = buf.length > 0 ? Buffer.from(buf) : null;
      // Pipelined requests in one chunk get their answers in one write.
      if (answers > 0 && !this.opts.hang) socket.write(answers === 1 ? OK : Buffer.concat(Array.from({ length: answers }, () => OK)));
    });
  }

  private received(buf: Buffer, start: number, end: number): void {
    this.total++;
    if (!this.opts.record) return;
    this.receivedAt.push(performance.timeOrigin + performance.now());
    const at = buf.indexOf(ID_KEY, start);
    const from = at + ID_KEY.length;
    this.ids.push(at >= 0 && at < end ? buf.toString('latin1', from, buf.indexOf(0x22, from)) : '');
  }
}
