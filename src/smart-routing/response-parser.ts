import type { RoutingInstructions } from './routing-instructions';

/** The parts of an endpoint's HTTP answer that decide the routing. */
export interface RoutingResponse {
  status: number;
  /** The Content-Type header as received; null or undefined when there was none. */
  contentType: string | null | undefined;
  bodyText: string;
}

/** What the answer means for the call, before a request id is attached (see RoutingDecision). */
export type ParsedRoutingResponse =
  { outcome: 'applied'; instructions: RoutingInstructions; ignored: string[] } | { outcome: 'default-204' } | { outcome: 'default-error'; reason: string };

/** One piece of a CustomTTS prompt: the text to speak and the .NET culture it is spoken in. */
export interface TtsSegment {
  /** e.g. "en-GB"; null when the text carries no [culture] prefix (the queue's own language). */
  culture: string | null;
  text: string;
}

/** The parts of a CustomMSI value: `<MSI tag>,<validFor>[,<action>,<re-entrant>]`. */
export interface CustomMsi {
  tag: string;
  validFor: string;
  action: string | null;
  reEntrant: string | null;
}

export const PRIORITY_MIN = 0;
export const PRIORITY_MAX = 10_000;
export const EXTRA_PRIORITY_MIN = -10_000;
export const EXTRA_PRIORITY_MAX = 10_000;

const CUSTOM_MSI_FORMAT = '<MSI tag>,<validFor>[,<action>,<re-entrant>]';
/** Values echoed in a reason are cut to this, so one odd answer cannot bloat the decision log. */
const ECHO_MAX_CHARS = 60;

type Known = keyof RoutingInstructions;
const KNOWN_PROPERTIES: ReadonlySet<string> = new Set<Known>([
  'InitialTarget',
  'FailTarget',
  'RequiredTarget',
  'AllocationTargets',
  'Priority',
  'ExtraPriority',
  'CustomTTS',
  'CustomMSI',
]);

/**
 * Reads a SmartRouting answer the way the SmartRouting document describes it: 200 with a JSON
 * object applies the properties that are set, 204 routes by default, anything else (any other
 * status, or a 200 that cannot be used as a whole) routes by default and says why.
 *
 * Property names match exactly as documented; a differently spelt name (e.g. "priority") is an
 * unknown property, so it is ignored and listed, which shows the endpoint's author the mistake.
 */
export function parseRoutingResponse(response: RoutingResponse): ParsedRoutingResponse {
  const { status, contentType, bodyText } = response;
  if (status === 204) return { outcome: 'default-204' };
  if (status !== 200) return { outcome: 'default-error', reason: `HTTP ${status}` };

  const typeProblem = contentTypeProblem(contentType);
  if (typeProblem) return { outcome: 'default-error', reason: typeProblem };

  // A UTF-8 byte order mark is legal at the start of a JSON text on the wire; JSON.parse rejects it.
  const text = bodyText.startsWith('\uFEFF') ? bodyText.slice(1) : bodyText;
  if (text.trim() === '') return { outcome: 'default-error', reason: 'body is empty: a 200 must carry a JSON object' };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (err) {
    return { outcome: 'default-error', reason: `body is not valid JSON: ${(err as Error).message}` };
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { outcome: 'default-error', reason: `body must be a JSON object, got ${describe(body)}` };
  }

  const { instructions, ignored, problems } = readInstructions(body as Record<string, unknown>);
  // One bad value spoils the answer: applying the rest could route the call half-way as intended.
  if (problems.length > 0) return { outcome: 'default-error', reason: problems.join('; ') };
  return { outcome: 'applied', instructions, ignored };
}

/**
 * Splits a CustomTTS prompt at its `[culture]` prefixes (.NET culture names such as en-GB, fi-FI,
 * sr-Latn-RS). Text before the first prefix has culture null. Segments without text are dropped.
 * Bracketed text that does not look like a culture name (e.g. "[1]", "[OK]") stays part of the text.
 */
export function parseCustomTts(text: string): TtsSegment[] {
  const segments: TtsSegment[] = [];
  let culture: string | null = null;
  let from = 0;
  const add = (upTo: number): void => {
    const spoken = text.slice(from, upTo).trim();
    if (spoken !== '') segments.push({ culture, text: spoken });
  };
  for (const match of text.matchAll(CULTURE_PREFIX)) {
    add(match.index);
    culture = match[1];
    from = match.index + match[0].length;
  }
  add(text.length);
  return segments;
}

/** Splits a CustomMSI value into its fields; null when it does not have the documented shape. */
export function parseCustomMsi(value: string): CustomMsi | null {
  const fields = value.split(',').map((field) => field.trim());
  if ((fields.length !== 2 && fields.length !== 4) || fields.some((field) => field === '')) return null;
  const [tag, validFor, action = null, reEntrant = null] = fields;
  return { tag, validFor, action, reEntrant };
}

// Language in lower case (as .NET writes it, and so "[OK]" is not mistaken for one), then an
// optional script and an optional region in either case.
const CULTURE_PREFIX = /\[\s*([a-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?)\s*\]/g;

function contentTypeProblem(contentType: string | null | undefined): string | null {
  if (!contentType || contentType.trim() === '') return 'no Content-Type header: it must be application/json';
  // Parameters such as "; charset=utf-8" are allowed; only the media type must match.
  const mediaType = contentType.split(';')[0].trim().toLowerCase();
  if (mediaType !== 'application/json') return `Content-Type ${echo(contentType.trim())} is not application/json`;
  return null;
}

interface ReadResult {
  instructions: RoutingInstructions;
  ignored: string[];
  problems: string[];
}

function readInstructions(body: Record<string, unknown>): ReadResult {
  const instructions: RoutingInstructions = {};
  const ignored: string[] = [];
  const problems: string[] = [];
  const take = <K extends Known>(key: K, checked: Checked<NonNullable<RoutingInstructions[K]>>): void => {
    if (isProblem(checked)) problems.push(checked.problem);
    else instructions[key] = checked;
  };

  for (const key of Object.keys(body)) {
    if (!KNOWN_PROPERTIES.has(key)) {
      ignored.push(key);
      continue;
    }
    const value = body[key];
    if (isUnset(value)) continue;
    switch (key as Known) {
      case 'InitialTarget':
      case 'FailTarget':
      case 'RequiredTarget':
      case 'CustomTTS':
        take(key as StringProperty, checkString(key, value));
        break;
      case 'CustomMSI':
        take('CustomMSI', checkCustomMsi(value));
        break;
      case 'AllocationTargets':
        take('AllocationTargets', checkTargetList(key, value));
        break;
      case 'Priority':
        take('Priority', checkInteger(key, value, PRIORITY_MIN, PRIORITY_MAX));
        break;
      case 'ExtraPriority':
        take('ExtraPriority', checkInteger(key, value, EXTRA_PRIORITY_MIN, EXTRA_PRIORITY_MAX));
        break;
    }
  }
  return { instructions, ignored, problems };
}

type Checked<T> = T | { problem: string };
type StringProperty = 'InitialTarget' | 'FailTarget' | 'RequiredTarget' | 'CustomTTS';

function isProblem(checked: unknown): checked is { problem: string } {
  return typeof checked === 'object' && checked !== null && 'problem' in checked;
}

/**
 * "Only set the properties you want to touch": null and empty strings (also blank ones, which can
 * name no target) mean "not set", as does an empty AllocationTargets list (it prefers nobody).
 */
function isUnset(value: unknown): boolean {
  if (value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}

function checkString(name: string, value: unknown): Checked<string> {
  // Kept exactly as written: targets are resolved later by the simulation.
  return typeof value === 'string' ? value : { problem: `${name} must be a string, got ${describe(value)}` };
}

function checkCustomMsi(value: unknown): Checked<string> {
  const text = checkString('CustomMSI', value);
  if (typeof text !== 'string') return text;
  return parseCustomMsi(text) ? text : { problem: `CustomMSI ${echo(text)} must be "${CUSTOM_MSI_FORMAT}"` };
}

function checkTargetList(name: string, value: unknown): Checked<string[]> {
  if (!Array.isArray(value)) return { problem: `${name} must be a list of strings, got ${describe(value)}` };
  const bad = value.findIndex((item) => typeof item !== 'string' || item.trim() === '');
  if (bad >= 0) return { problem: `${name}[${bad}] must be a non-empty string, got ${describe(value[bad])}` };
  return value as string[];
}

function checkInteger(name: string, value: unknown, min: number, max: number): Checked<number> {
  if (typeof value !== 'number') return { problem: `${name} must be an integer ${min}..${max}, got ${describe(value)}` };
  if (!Number.isInteger(value)) return { problem: `${name} ${value} is not an integer` };
  if (value < min || value > max) return { problem: `${name} ${value} is out of range ${min}..${max}` };
  return value;
}

/** A short, human description of a JSON value for a reason. */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  switch (typeof value) {
    case 'string':
      return value === '' ? 'an empty string' : `a string ${echo(value)}`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return `the boolean ${value}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

function echo(text: string): string {
  const cut = text.length > ECHO_MAX_CHARS ? `${text.slice(0, ECHO_MAX_CHARS)}…` : text;
  return JSON.stringify(cut);
}
