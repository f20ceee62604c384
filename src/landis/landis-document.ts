import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { locateSeedDocs } from '../catalog/seed-tables';

/**
 * Reads the Landis webhook document (`004_*.txt`), so the catalog can be checked against the text
 * it was copied from. Only tests use this; the emulator never reads the document at run time.
 * Its tables are `Name | Description |` rows (the IVR table without a header row), and the
 * IvrInputs element properties sit inside the IVR table right after `IvrInputs`.
 */

export interface LandisDocumentRow {
  name: string;
  description: string;
}

export interface LandisDocumentEvent {
  name: string;
  description: string;
  /** Table rows in document order, list element rows included where they stand. */
  rows: LandisDocumentRow[];
}

export interface LandisDocument {
  subscriptionFields: LandisDocumentRow[];
  events: LandisDocumentEvent[];
}

const EVENT_HEADING = /^App\.[A-Za-z]+$/;
const HEADER_ROW = /^Property\s*\|\s*Description\s*\|$/;
const SEPARATOR_ROW = /^[-|:\s]+$/;
const SUBSCRIPTION_HEADING = 'Webhook Subscription Properties';

function parseRow(line: string): LandisDocumentRow | undefined {
  if (!line.endsWith('|') || HEADER_ROW.test(line) || SEPARATOR_ROW.test(line)) return undefined;
  const cells = line.slice(0, -1).split('|');
  if (cells.length < 2) return undefined;
  return { name: cells[0].trim(), description: cells.slice(1).join('|').trim() };
}

const isTableLine = (line: string): boolean => line.endsWith('|');

export function parseLandisDocument(text: string): LandisDocument {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const subscriptionFields: LandisDocumentRow[] = [];
  const events: LandisDocumentEvent[] = [];

  const start = lines.indexOf(SUBSCRIPTION_HEADING);
  if (start < 0) throw new Error(`The Landis document has no "${SUBSCRIPTION_HEADING}" section`);
  for (let i = start + 1; i < lines.length && isTableLine(lines[i]); i++) {
    const row = parseRow(lines[i]);
    if (row) subscriptionFields.push(row);
  }

  for (let i = 0; i < lines.length; i++) {
    if (!EVENT_HEADING.test(lines[i])) continue;
    const event: LandisDocumentEvent = { name: lines[i], description: '', rows: [] };
    const description: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !isTableLine(lines[j]) && !EVENT_HEADING.test(lines[j]); j++) description.push(lines[j]);
    for (; j < lines.length && isTableLine(lines[j]); j++) {
      const row = parseRow(lines[j]);
      if (row) event.rows.push(row);
    }
    event.description = description.join(' ');
    events.push(event);
    i = j - 1;
  }
  if (events.length === 0) throw new Error('The Landis document lists no App.* webhook events');
  return { subscriptionFields, events };
}

export type LandisDocumentLocation = { file: string } | { skipped: string };

/**
 * Where the document is: `004_*.txt` in the platform documents' folder (locateSeedDocs). A clone has
 * none, so the answer may be a reason to skip, never an exception.
 */
export function locateLandisDocument(env: NodeJS.ProcessEnv = process.env): LandisDocumentLocation {
  const docs = locateSeedDocs(env);
  if ('missing' in docs) return { skipped: `${docs.missing}; set SEED_DOCS_DIR to the folder holding 004_*.txt` };
  const matches = readdirSync(docs.dir).filter((file) => file.startsWith('004_') && file.endsWith('.txt'));
  if (matches.length !== 1) return { skipped: `expected one 004_*.txt in ${docs.dir}, found ${matches.length}: ${matches.join(', ') || 'none'}` };
  return { file: join(docs.dir, matches[0]) };
}

export function loadLandisDocument(file: string): LandisDocument {
  return parseLandisDocument(readFileSync(file, 'utf8'));
}
