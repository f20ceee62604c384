import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { errorBody } from '../errors/error-body';

/** Node's parser error codes with a status of their own (as Node's default answer has them). */
const STATUS_BY_CODE: Record<string, number> = { HPE_HEADER_OVERFLOW: 431, HPE_CHUNK_EXTENSIONS_OVERFLOW: 413, ERR_HTTP_REQUEST_TIMEOUT: 408 };

/** What the client sent wrong, in the words of the error answer. */
function describe(code: string | undefined, status: number): string {
  if (code === 'HPE_INVALID_METHOD') return 'unknown HTTP method: the admin API answers GET, HEAD, POST, PUT, PATCH and DELETE';
  if (status === 431) return 'the request headers are too large';
  if (status === 408) return 'the request was not received in time';
  if (status === 413) return 'the chunk extensions are too large';
  return `the request is not valid HTTP/1.1 (${code ?? 'parse error'})`;
}

/**
 * Requests Node's HTTP parser refuses before any route or middleware sees them (an unknown method
 * such as `FOO`, a malformed header line, headers over the size limit) get the one error shape too,
 * instead of Node's default answer with an empty body. The connection is closed after it, as Node
 * does: the parser cannot tell where the next request would start.
 */
export function answerMalformedRequests(server: Server): void {
  server.on('clientError', (err: Error & { code?: string }, socket: Duplex) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = STATUS_BY_CODE[err.code ?? ''] ?? 400;
    const body = JSON.stringify(errorBody(status, describe(err.code, status)));
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });
}
