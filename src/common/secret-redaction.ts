export const MASK = '***';

/** The most characters one character of a secret takes in any form matched below (%E2%82%AC: 9; more only with padded HTML references). */
const LONGEST_CHARACTER_FORM = 9;
/** Patterns per set of secrets; the same few webhooks' secrets come back on every attempt. */
const patterns = new Map<string, RegExp>();
const MAX_PATTERNS = 1000;

/**
 * Replaces every occurrence of a secret in text that may be kept or shown (a failure reason, a
 * receiver's answer that echoes the request). A receiver rarely echoes a value as it came: it
 * puts it into JSON (`"` `\` escaped, `/` as `\/` by PHP, non-ASCII as `\u00e9` by Python), a
 * URL (percent-encoded) or an HTML page (`&quot;`, `&#43;`), so each character is matched in any
 * of those forms too. Longest
 * secret first, so a secret that contains another is masked whole. Used by SmartRouting and by
 * the delivery log.
 */
/** Every string in a JSON-like value (objects, arrays) passed through `redact`; other values as they are. */
export function redactStrings<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactStrings(v, redact)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactStrings(v, redact)])) as T;
  }
  return value;
}

export function redactSecrets(text: string, secrets: readonly string[]): string {
  if (text === '') return text;
  const pattern = patternOf(secrets);
  return pattern ? text.replace(pattern, MASK) : text;
}

/** How long a secret of these can be once encoded: the text to look at past a cut, so none is cut in two. */
export function longestEncodedLength(secrets: readonly string[]): number {
  return secrets.reduce((longest, s) => Math.max(longest, s.length * LONGEST_CHARACTER_FORM), 0);
}

function patternOf(secrets: readonly string[]): RegExp | null {
  const key = secrets.join('\u0000');
  let pattern = patterns.get(key);
  if (pattern === undefined) {
    const alternatives = secrets
      .filter((s) => s !== '')
      .sort((a, b) => b.length - a.length)
      .map((s) => Array.from(s, characterForms).join(''));
    if (alternatives.length === 0) return null;
    if (patterns.size >= MAX_PATTERNS) patterns.clear();
    pattern = new RegExp(alternatives.join('|'), 'g');
    patterns.set(key, pattern);
  }
  return pattern;
}

const HTML_NAMED: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

/** One character as itself, JSON-escaped, percent-encoded or as an HTML reference (as a regular expression). */
function characterForms(c: string): string {
  const forms = [c.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&')];
  if (c === '"' || c === '\\' || c === '/') forms.push(`\\\\\\${c}`);
  if (c === '\t') forms.push('\\\\t');
  if (c === ' ') forms.push('\\+');
  // An HTML page that shows the request (a framework's error page): named and numeric references.
  const named = HTML_NAMED[c];
  if (named) forms.push(named);
  forms.push(`&#0*${c.codePointAt(0)};`, `&#[xX]0*${hex(c.codePointAt(0)!, 1)};`);
  // \uXXXX per UTF-16 code unit (a character beyond the BMP is two), any case of hex digits.
  forms.push(Array.from({ length: c.length }, (_, i) => `\\\\u${hex(c.charCodeAt(i), 4)}`).join(''));
  forms.push(Array.from(Buffer.from(c, 'utf8'), (byte) => `%${hex(byte, 2)}`).join(''));
  return `(?:${forms.join('|')})`;
}

function hex(n: number, width: number): string {
  return Array.from(n.toString(16).padStart(width, '0'), (d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d)).join('');
}
