import type { IncomingMessage, ServerResponse } from 'node:http';
import { sendError } from '../errors/error-body';
import { jsonDepthExceeds, jsonValueProblems, keyProblem, stringProblem, type JsonLimits } from './json-inspection';

export interface RequestLimits extends JsonLimits {
  maxBodyBytes: number;
}

export const REQUEST_LIMITS: RequestLimits = { maxBodyBytes: 1024 * 1024, maxDepth: 32, maxStringLength: 16 * 1024, maxItems: 1000 };

/** A client that keeps sending far past the limit is cut off rather than read for ever. */
const DRAIN_CAP_BYTES = 64 * 1024 * 1024;
const NO_BODY_METHODS = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);
const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json$/;

type Next = (err?: unknown) => void;
type Req = IncomingMessage & { body?: unknown; query?: unknown };

/** Why the content type is refused, or null. A form post or text/plain is how a web page forges a request (CSRF). */
function contentTypeProblem(header: string | undefined): string | null {
  if (header === undefined) return 'a request body needs Content-Type: application/json';
  const [type, ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (!JSON_TYPE.test(type)) return `Content-Type must be application/json, got "${header.slice(0, 100)}"`;
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset && charset !== 'utf-8' && charset !== 'utf8') return `charset must be utf-8, got "${charset.slice(0, 40)}"`;
  return null;
}

/** Why a Content-Encoding is refused, or null: the body is read as it arrives, never decompressed. */
function contentEncodingProblem(header: string | undefined): string | null {
  if (header === undefined || header.trim().toLowerCase() === 'identity') return null;
  return `Content-Encoding "${header.slice(0, 40)}" is not accepted; send the JSON uncompressed`;
}

/** Problems with the query string's values (Express 5 parses it "simple": strings or arrays of strings). */
function queryProblems(query: unknown, maxLength: number): string[] {
  if (!query || typeof query !== 'object') return [];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(query as Record<string, unknown>)) {
    const named = `query ${JSON.stringify(key.slice(0, 60))}`;
    const problem = keyProblem(key, maxLength);
    if (problem) problems.push(`${named} ${problem}`);
    else {
      for (const item of Array.isArray(value) ? value : [value]) {
        const itemProblem = typeof item === 'string' ? stringProblem(item, maxLength) : null;
        if (itemProblem) problems.push(`${named} ${itemProblem}`);
      }
    }
  }
  return problems;
}

function decodedPathProblem(url: string): string | null {
  const path = url.split('?')[0];
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return 'the path has a malformed %-escape';
  }
  const problem = stringProblem(decoded, 2048);
  return problem ? `the path ${problem}` : null;
}

/**
 * Reads and checks every request before any route sees it, on every method: the body is read to the
 * end (so an oversized one is answered 413, never a connection reset), must be JSON, and is parsed
 * only after its depth is checked; strings with NUL, lone surrogates or excessive length are refused
 * with 400 naming the field. GET, HEAD, DELETE and OPTIONS take no body. Replaces Nest's body parser.
 */
export function requestBodyMiddleware(limits: RequestLimits = REQUEST_LIMITS) {
  return (req: Req, res: ServerResponse, next: Next): void => {
    const pathProblem = decodedPathProblem(req.url ?? '/');
    if (pathProblem) return sendError(res, 400, pathProblem);
    const problems = queryProblems(req.query, limits.maxStringLength);
    if (problems.length) return sendError(res, 400, problems);

    const method = (req.method ?? 'GET').toUpperCase();
    const declared = req.headers['content-length'];
    const hasBody = req.headers['transfer-encoding'] !== undefined || (declared !== undefined && declared !== '0');
    if (!hasBody) {
      // A form post with an empty body is still a cross-site request: refuse its content type too.
      const type = req.headers['content-type'];
      if (!NO_BODY_METHODS.has(method) && type !== undefined && contentTypeProblem(type)) return sendError(res, 415, contentTypeProblem(type)!);
      return next();
    }
    const chunks: Buffer[] = [];
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received <= limits.maxBodyBytes) chunks.push(chunk);
      else if (received > DRAIN_CAP_BYTES) req.destroy();
    });
    req.on('error', () => undefined);
    req.on('end', () => {
      if (received > limits.maxBodyBytes) {
        return sendError(res, 413, `the body is ${received} bytes; at most ${limits.maxBodyBytes} are accepted`);
      }
      if (received === 0) return next();
      if (NO_BODY_METHODS.has(method)) return sendError(res, 400, `${method} takes no request body (got ${received} bytes)`);
      const typeProblem = contentTypeProblem(req.headers['content-type']) ?? contentEncodingProblem(req.headers['content-encoding']);
      if (typeProblem) return sendError(res, 415, typeProblem);
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
      } catch {
        return sendError(res, 400, 'the body is not valid UTF-8');
      }
      if (jsonDepthExceeds(text, limits.maxDepth)) return sendError(res, 400, `the JSON body nests deeper than ${limits.maxDepth} levels`);
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch (e) {
        return sendError(res, 400, `the body is not valid JSON: ${(e as Error).message}`);
      }
      if (body === null || typeof body !== 'object' || Array.isArray(body)) return sendError(res, 400, 'the body must be a JSON object');
      const valueProblems = jsonValueProblems(body, limits);
      if (valueProblems.length) return sendError(res, 400, valueProblems);
      req.body = body;
      next();
    });
  };
}
