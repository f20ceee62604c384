import { HEADER_VALUE } from './dto/header-value';

/** Headers the platform sets itself, and hop-by-hop headers; a webhook's extra headers cannot override them. */
const RESERVED = new Set([
  'x-benemen-event',
  'x-benemen-token',
  'content-type',
  'content-length',
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'proxy-authorization',
  'proxy-authenticate',
  'proxy-connection',
  'expect',
]);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const SENSITIVE = /authorization|cookie|token|secret|key|password|signature/i;

/** Problems with a webhook's additional headers, each naming the header. */
export function headerProblems(headers: unknown): string[] {
  if (headers === undefined || headers === null) return [];
  if (typeof headers !== 'object' || Array.isArray(headers)) return ['Headers must be an object of name: value strings'];
  const problems: string[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (!TOKEN.test(name)) problems.push(`Headers.${name}: not a valid HTTP header name`);
    else if (RESERVED.has(name.toLowerCase())) {
      problems.push(`Headers.${name}: set by the platform (or hop-by-hop) and cannot be overridden`);
    }
    if (typeof value !== 'string') problems.push(`Headers.${name}: value must be a string`);
    // The Secret's rule: anything else undici refuses at every attempt, before the receiver is reached.
    else if (!HEADER_VALUE.test(value)) {
      problems.push(`Headers.${name}: value must not contain CR, LF or other control characters, or characters beyond Latin-1`);
    }
  }
  return problems;
}

/** Header values that look like credentials are masked wherever headers are shown. */
export function maskHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, SENSITIVE.test(k) ? '***' : v]));
}
