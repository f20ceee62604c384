import { shown } from '../errors/error-body';

export interface JsonLimits {
  /** Nesting of objects and arrays; validation recurses, so a deep document must be refused before parsing. */
  maxDepth: number;
  /** Characters in one string (keys included). */
  maxStringLength: number;
}

/**
 * How deeply the JSON text nests objects and arrays, counted on the raw text (brackets inside strings
 * do not count). Stops counting as soon as `limit` is passed.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A key that class-transformer and plain objects treat as the prototype, not as data. */
export const FORBIDDEN_KEY = '__proto__';

/** What is wrong with one string value (or key), or null. */
export function stringProblem(value: string, maxLength: number): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL (\\u0000) characters';
  if (LONE_SURROGATE.test(value)) return 'must not contain lone UTF-16 surrogates (not valid Unicode)';
  if (value.length > maxLength) return `must be at most ${maxLength} characters, got ${value.length}`;
  return null;
}

const MAX_PROBLEMS = 10;

/**
 * Problems with the strings of a parsed JSON value, each naming its path (`Webhook.Secret`,
 * `AttachedUsers[0].UserId`). The depth is already bounded, so the walk's recursion is too.
 */
export function jsonStringProblems(value: unknown, maxLength: number, path = '', out: string[] = []): string[] {
  if (out.length >= MAX_PROBLEMS) return out;
  if (typeof value === 'string') {
    const problem = stringProblem(value, maxLength);
    if (problem) out.push(`${path || 'body'} ${problem}, got "${shown(value)}"`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => jsonStringProblems(item, maxLength, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      const keyProblem = key === FORBIDDEN_KEY ? 'is not allowed' : stringProblem(key, maxLength);
      if (keyProblem) out.push(`property name "${shown(key)}" ${keyProblem}`);
      else jsonStringProblems(item, maxLength, at, out);
      if (out.length >= MAX_PROBLEMS) break;
    }
  }
  return out;
}
