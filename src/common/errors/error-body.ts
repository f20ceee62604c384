import { STATUS_CODES } from 'node:http';
import type { ServerResponse } from 'node:http';

/** The one JSON shape of every error answer. */
export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string[];
}

export function errorBody(statusCode: number, messages: string | readonly string[], error?: string): ErrorBody {
  return { statusCode, error: error ?? STATUS_CODES[statusCode] ?? 'Error', message: typeof messages === 'string' ? [messages] : [...messages] };
}

/**
 * Answers with the error shape straight from plain HTTP middleware (before Nest's router and its
 * filter): the request limits and the host checks refuse requests there.
 */
export function sendError(res: ServerResponse, statusCode: number, messages: string | readonly string[], headers: Record<string, string> = {}): void {
  const body = JSON.stringify(errorBody(statusCode, messages));
  res.writeHead(statusCode, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

/** Shortens a value for a message: an error names the value, but never echoes a megabyte. */
export function shown(value: unknown, max = 60): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  // Control characters are shown escaped, so a message never carries a NUL or a line break.
  // eslint-disable-next-line no-control-regex
  const safe = text.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return safe.length > max ? `${safe.slice(0, max)}...` : safe;
}
