import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Reads the event property tables out of the webhook specification (`000_*.txt`), so the catalog
 * can be checked against the document it was copied from instead of against itself.
 */

export interface SeedProperty {
  name: string;
  /** Exactly as written in the table (e.g. `String` stays `String`). */
  type: string;
  description: string;
}

export interface SeedTable {
  name: string;
  description: string;
  properties: SeedProperty[];
}

export interface SeedEvent extends SeedTable {
  section: string;
}

export interface SeedCatalog {
  events: SeedEvent[];
  helpers: SeedTable[];
}

/** The only sections that hold event tables; their names equal the entity types. */
export const SEED_SECTIONS = ['User', 'Queue', 'CallList'] as const;

const PROPERTY_TABLE_HEADER = /^\|\s*Property name\s*\|\s*Value type\s*\|\s*Description\s*\|$/;
const TABLE_SEPARATOR = /^\|[\s|:-]+\|$/;

/**
 * Where the platform documents are: the folder `SEED_DOCS_DIR` names. The repository holds what it
 * needs (test/fixtures); the documents themselves are not in it, so without the variable the answer
 * is a reason instead, and the checks against them say they were skipped.
 */
export function locateSeedDocs(env: NodeJS.ProcessEnv = process.env): { dir: string } | { missing: string } {
  if (!env.SEED_DOCS_DIR) return { missing: 'the platform documents are not available (SEED_DOCS_DIR is unset)' };
  const dir = resolve(env.SEED_DOCS_DIR);
  if (existsSync(dir)) return { dir };
  return { missing: `the platform documents are not available (SEED_DOCS_DIR points to ${dir}, which does not exist)` };
}

/** Finds the single `000_*.txt` file; throws (never returns nothing) so a missing seed is a failure. */
export function findWebhookSeedFile(seedDir: string): string {
  if (!existsSync(seedDir)) {
    throw new Error(`Seed folder not found at ${seedDir}; the catalog cannot be checked against the specification`);
  }
  const matches = readdirSync(seedDir).filter((file) => file.startsWith('000_') && file.endsWith('.txt'));
  if (matches.length !== 1) {
    throw new Error(`Expected exactly one 000_*.txt in ${seedDir}, found ${matches.length}: ${matches.join(', ') || 'none'}`);
  }
  return join(seedDir, matches[0]);
}

function splitRow(line: string): string[] {
  const cells = line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((cell) => cell.trim());
  // A description containing '|' would otherwise add columns; keep it whole.
  return cells.length > 3 ? [cells[0], cells[1], cells.slice(2).join(' | ')] : cells;
}

export function parseWebhookSeed(text: string): SeedCatalog {
  const lines = text.split(/\r?\n/).map((line) => line.trim());
  const events: SeedEvent[] = [];
  const helpers: SeedTable[] = [];
  let section: string | undefined;

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const next = lines.slice(i + 1).find((l) => l !== '') ?? '';
    // A bare section name counts only when an event heading follows, so table cells or prose
    // that happen to read "User" do not switch sections.
    if ((SEED_SECTIONS as readonly string[]).includes(line) && next.startsWith('Event:')) {
      section = line;
      continue;
    }
    const heading = /^(Event|Misc):\s*(\S+)\s*$/.exec(line);
    if (!heading) continue;

    const description: string[] = [];
    let j = i + 1;
    while (j < lines.length && !PROPERTY_TABLE_HEADER.test(lines[j])) {
      if (/^(Event|Misc):/.test(lines[j])) throw new Error(`Seed table for ${heading[2]} has no property table`);
      if (lines[j] !== '') description.push(lines[j]);
      j++;
    }
    j++; // header
    if (!TABLE_SEPARATOR.test(lines[j] ?? '')) throw new Error(`Seed table for ${heading[2]} lacks its separator row`);
    j++;
    const properties: SeedProperty[] = [];
    for (; j < lines.length && lines[j].startsWith('|'); j++) {
      const [name, type, desc] = splitRow(lines[j]);
      properties.push({ name, type, description: desc ?? '' });
    }
    const table: SeedTable = { name: heading[2], description: description.join(' '), properties };
    if (heading[1] === 'Misc') {
      helpers.push(table);
    } else {
      if (!section) throw new Error(`Event ${heading[2]} appears before any section heading`);
      events.push({ ...table, section });
    }
    i = j - 1;
  }
  return { events, helpers };
}

export function readWebhookSeed(seedDir: string): string {
  return readFileSync(findWebhookSeedFile(seedDir), 'utf8');
}

/** The document's "Sample configuration for one endpoint with two events", parsed. */
export function parseSampleConfiguration(text: string): unknown {
  const heading = text.indexOf('Sample configuration for one endpoint');
  if (heading < 0) throw new Error('The webhook document has no "Sample configuration for one endpoint" section');
  const start = text.indexOf('{', heading);
  const end = text.indexOf('\nWebhook endpoint', start);
  return JSON.parse(text.slice(start, end));
}
