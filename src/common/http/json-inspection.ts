import { shown } from '../errors/error-body';

export interface JsonLimits {
  /** Nesting of objects and arrays; validation recurses, so a deep document must be refused before parsing. */
  maxDepth: number;
  /** Characters in one string (keys included). */
  maxStringLength: number;
  /**
   * Items of one array and properties of one object. No DTO takes more than 1,000, but class-validator
   * checks every item before it counts them: 350,000 `{}` in a 1 MiB body held the event loop for
   * seconds and were answered with a 20 MB list of messages.
   */
  maxItems: number;
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
 * Problems with the strings, property names, numbers and sizes of a parsed JSON value, each naming its
 * path (`Webhook.Secret`, `AttachedUsers[0].UserId`). The depth is already bounded, so the walk's recursion is too.
 */
export function jsonValueProblems(value: unknown, limits: Omit<JsonLimits, 'maxDepth'>, path = '', out: string[] = []): string[] {
  if (out.length >= MAX_PROBLEMS) return out;
  const at = path || 'body';
  if (typeof value === 'string') {
    const problem = stringProblem(value, limits.maxStringLength);
    if (problem) out.push(`${at} ${problem}, got "${shown(value)}"`);
  } else if (typeof value === 'number' && !Number.isFinite(value)) {
    // JSON.parse reads 1e400 as Infinity, which every later message would show as null.
    out.push(`${at} is a number beyond the range of a double (about ±1.8e308)`);
  } else if (Array.isArray(value)) {
    if (value.length > limits.maxItems) out.push(`${at} has ${value.length} items; at most ${limits.maxItems} are accepted`);
    else value.forEach((item, i) => jsonValueProblems(item, limits, `${path}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length > limits.maxItems) out.push(`${at} has ${entries.length} properties; at most ${limits.maxItems} are accepted`);
    for (const [key, item] of entries.length > limits.maxItems ? [] : entries) {
      const problem = keyProblem(key, limits.maxStringLength);
      if (problem) out.push(`property name "${shown(key)}"${path ? ` in ${path}` : ''} ${problem}`);
      else jsonValueProblems(item, limits, path ? `${path}.${key}` : key, out);
      if (out.length >= MAX_PROBLEMS) break;
    }
  }
  return out;
}
