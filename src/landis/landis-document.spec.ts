import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { locateLandisDocument, parseLandisDocument } from './landis-document';

const SAMPLE = `Webhooks
Intro text.
Webhook Subscription Properties
Webhook Endpoint | HTTP POST URL |
Is Active | Enables or Disables the Webhook |
Webhook Event Types
App.TestWebhook
For testing.
App.QueueWebhook
Sends CDR data.
Second line.
Property | Description |
---|---|
CallId | Internal Call ID |
Note | A | B |
App.IvrWebhook
IVR data.
CallId | Internal Call ID |
IvrInputs | Inputs. See properties below: |
ID | Internal Input ID |
DataValue01 | Value |
Webhook History
Attempts text.
`;

describe('parseLandisDocument', () => {
  const doc = parseLandisDocument(SAMPLE);

  it('reads the subscription fields', () => {
    expect(doc.subscriptionFields).toEqual([
      { name: 'Webhook Endpoint', description: 'HTTP POST URL' },
      { name: 'Is Active', description: 'Enables or Disables the Webhook' },
    ]);
  });

  it('reads each event with its description and rows, header and separator skipped', () => {
    expect(doc.events.map((e) => [e.name, e.description, e.rows.map((r) => r.name)])).toEqual([
      ['App.TestWebhook', 'For testing.', []],
      ['App.QueueWebhook', 'Sends CDR data. Second line.', ['CallId', 'Note']],
      ['App.IvrWebhook', 'IVR data.', ['CallId', 'IvrInputs', 'ID', 'DataValue01']],
    ]);
  });

  it('keeps a description that contains a bar whole', () => {
    expect(doc.events[1].rows[1]).toEqual({ name: 'Note', description: 'A | B' });
  });

  it('fails on a text that is not the Landis document', () => {
    expect(() => parseLandisDocument('Webhooks\nnothing here')).toThrow('Webhook Subscription Properties');
    expect(() => parseLandisDocument('Webhook Subscription Properties\nA | B |\n')).toThrow('no App.* webhook events');
  });
});

describe('locateLandisDocument', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'landis-doc-'));
  const repo = path.join(root, 'repo');
  mkdirSync(repo);
  const made = [root];
  afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('gives a reason to skip, naming the folder, when there is no seed folder', () => {
    const found = locateLandisDocument(repo, {});
    expect(found).toEqual({ skipped: expect.stringContaining(path.join(root, 'shared', 'seeds')) });
    expect(found).toEqual({ skipped: expect.stringContaining('set SEED_DOCS_DIR') });
  });

  it('finds 004_*.txt in ../shared/seeds beside the repository', () => {
    const seeds = path.join(root, 'shared', 'seeds');
    mkdirSync(seeds, { recursive: true });
    expect(locateLandisDocument(repo, {})).toEqual({ skipped: expect.stringContaining('found 0: none') });
    writeFileSync(path.join(seeds, '004_abc.txt'), SAMPLE);
    writeFileSync(path.join(seeds, '000_x.txt'), 'other');
    expect(locateLandisDocument(repo, {})).toEqual({ file: path.join(seeds, '004_abc.txt') });
  });

  it('prefers SEED_DOCS_DIR', () => {
    const other = mkdtempSync(path.join(tmpdir(), 'landis-env-'));
    made.push(other);
    writeFileSync(path.join(other, '004_def.txt'), SAMPLE);
    expect(locateLandisDocument(repo, { SEED_DOCS_DIR: other })).toEqual({ file: path.join(other, '004_def.txt') });
    expect(locateLandisDocument(repo, { SEED_DOCS_DIR: path.join(other, 'missing') })).toEqual({
      skipped: expect.stringContaining('SEED_DOCS_DIR points'),
    });
  });
});
