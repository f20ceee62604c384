import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { findWebhookSeedFile, locateSeedDocs, parseSampleConfiguration, parseWebhookSeed } from './seed-tables';

const SAMPLE = `Entity types
| Type | Description |
|---|---|
| User | User type, i.e. normal end-user |
User
Event: UserThing
First line.
Second line.
| Property name | Value type | Description |
|---|---|---|
| UserId | Guid | Id of user. |
| Note | String | Free | text |
Queue
Event: QueueThing
| Property name | Value type | Description |
|---|---|---|
| QueueId | Guid | Id |
Misc: Helper
Helper for things
| Property name | Value type | Description |
|---|---|---|
| Id | int | Id |
`;

describe('parseWebhookSeed', () => {
  it('reads sections, event and helper tables, keeping types as written', () => {
    const parsed = parseWebhookSeed(SAMPLE);
    expect(parsed.events).toEqual([
      {
        name: 'UserThing',
        section: 'User',
        description: 'First line. Second line.',
        properties: [
          { name: 'UserId', type: 'Guid', description: 'Id of user.' },
          { name: 'Note', type: 'String', description: 'Free | text' },
        ],
      },
      { name: 'QueueThing', section: 'Queue', description: '', properties: [{ name: 'QueueId', type: 'Guid', description: 'Id' }] },
    ]);
    expect(parsed.helpers).toEqual([{ name: 'Helper', description: 'Helper for things', properties: [{ name: 'Id', type: 'int', description: 'Id' }] }]);
  });

  it('refuses an event heading without a table', () => {
    expect(() => parseWebhookSeed('User\nEvent: A\ntext\nEvent: B\n')).toThrow(/A has no property table/);
  });
});

describe('findWebhookSeedFile', () => {
  it('fails loudly when the seed folder is missing', () => {
    expect(() => findWebhookSeedFile('/nonexistent/seeds')).toThrow('Seed folder not found at /nonexistent/seeds');
  });

  it('fails when there is no 000_ file, and finds the one there is', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'seeds-'));
    try {
      expect(() => findWebhookSeedFile(dir)).toThrow(/exactly one 000_\*\.txt.*found 0/);
      writeFileSync(path.join(dir, '000_abc.txt'), SAMPLE);
      writeFileSync(path.join(dir, '001_other.txt'), '');
      expect(findWebhookSeedFile(dir)).toBe(path.join(dir, '000_abc.txt'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('locateSeedDocs', () => {
  it('uses the folder SEED_DOCS_DIR names, and says why when there is none', () => {
    const repo = mkdtempSync(path.join(tmpdir(), 'repo-'));
    try {
      expect(locateSeedDocs({ SEED_DOCS_DIR: repo })).toEqual({ dir: repo });
      expect(locateSeedDocs({})).toEqual({ missing: 'the platform documents are not available (SEED_DOCS_DIR is unset)' });
      expect(locateSeedDocs({ SEED_DOCS_DIR: path.join(repo, 'none') })).toEqual({
        missing: `the platform documents are not available (SEED_DOCS_DIR points to ${path.join(repo, 'none')}, which does not exist)`,
      });
    } finally {
      rmSync(repo, { recursive: true, force: true });
    }
  });
});

describe('parseSampleConfiguration', () => {
  it('reads the JSON between the sample heading and the next section', () => {
    const text =
      'Intro\nSample configuration for one endpoint with two events\n{\n"Webhook": {"Endpoint": "https://x/"},\n"Subscriptions": []\n}\nWebhook endpoint\nmore';
    expect(parseSampleConfiguration(text)).toEqual({ Webhook: { Endpoint: 'https://x/' }, Subscriptions: [] });
    expect(() => parseSampleConfiguration('no sample here')).toThrow(/no "Sample configuration/);
  });
});
