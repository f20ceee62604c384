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

/**
 * Names every object has (`__proto__`, `constructor`, `toString`, ...). As keys they are not data:
 * class-transformer skips them, so a DTO would drop them without a word instead of refusing them as
 * unknown (a `Headers` entry named `constructor` vanished from a 201), and `__proto__` is the prototype.
 */
const INHERITED_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/** What is wrong with a property name or query parameter name, or null. */
export function keyProblem(key: string, maxLength: number): string | null {
  if (INHERITED_NAMES.has(key)) return 'is not allowed (every object has a property of that name)';
  return stringProblem(key, maxLength);
}

/** What is wrong with one string value (or key), or null. */
export function stringProblem(value: string, maxLength: number): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL (\\u0000) characters';
  if (LONE_SURROGATE.test(value)) return 'must not contain lone UTF-16 surrogates (not valid Unicode)';
  if (value.length > maxLength) return `must be at most ${maxLength} characters, got ${value.length}`;
  return null;
}

const MAX_PROBLEMS = 10;

/**
 * Problems with the strings, property names and numbers of a parsed JSON value, each naming its path
 * (`Webhook.Secret`, `AttachedUsers[0].UserId`). The depth is already bounded, so the walk's recursion is too.
 */
export function jsonValueProblems(value: unknown, maxLength: number, path = '', out: string[] = []): string[] {
  if (out.length >= MAX_PROBLEMS) return out;
  if (typeof value === 'string') {
    const problem = stringProblem(value, maxLength);
    if (problem) out.push(`${path || 'body'} ${problem}, got "${shown(value)}"`);
  } else if (typeof value === 'number' && !Number.isFinite(value)) {
    // JSON.parse reads 1e400 as Infinity, which every later message would show as null.
    out.push(`${path || 'body'} is a number beyond the range of a double (about ±1.8e308)`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => jsonValueProblems(item, maxLength, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const at = path ? `${path}.${key}` : key;
      const problem = keyProblem(key, maxLength);
      if (problem) out.push(`property name "${shown(key)}"${path ? ` in ${path}` : ''} ${problem}`);
      else jsonValueProblems(item, maxLength, at, out);
      if (out.length >= MAX_PROBLEMS) break;
    }
  }
  return out;
}
