import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
  const made: string[] = [];
  afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('gives a reason to skip, naming the variable, when SEED_DOCS_DIR is unset', () => {
    const found = locateLandisDocument({});
    expect(found).toEqual({ skipped: expect.stringContaining('SEED_DOCS_DIR is unset') });
    expect(found).toEqual({ skipped: expect.stringContaining('set SEED_DOCS_DIR') });
  });

  it('finds the one 004_*.txt in the folder SEED_DOCS_DIR names', () => {
    const seeds = mkdtempSync(path.join(tmpdir(), 'landis-doc-'));
    made.push(seeds);
    expect(locateLandisDocument({ SEED_DOCS_DIR: seeds })).toEqual({ skipped: expect.stringContaining('found 0: none') });
    writeFileSync(path.join(seeds, '004_abc.txt'), SAMPLE);
    writeFileSync(path.join(seeds, '000_x.txt'), 'other');
    expect(locateLandisDocument({ SEED_DOCS_DIR: seeds })).toEqual({ file: path.join(seeds, '004_abc.txt') });
  });

  it('says when SEED_DOCS_DIR points nowhere', () => {
    const other = mkdtempSync(path.join(tmpdir(), 'landis-env-'));
    made.push(other);
    writeFileSync(path.join(other, '004_def.txt'), SAMPLE);
    expect(locateLandisDocument({ SEED_DOCS_DIR: other })).toEqual({ file: path.join(other, '004_def.txt') });
    expect(locateLandisDocument({ SEED_DOCS_DIR: path.join(other, 'missing') })).toEqual({
      skipped: expect.stringContaining('SEED_DOCS_DIR points'),
    });
  });
});
