import { redactSecrets } from './secret-redaction';

describe('redactSecrets', () => {
  it('masks every occurrence', () => {
    expect(redactSecrets('key=abc123, again abc123', ['abc123'])).toBe('key=***, again ***');
  });

  it('masks the longer of two overlapping secrets whole', () => {
    expect(redactSecrets('Basic dXNlcjpwYXNz', ['pa', 'dXNlcjpwYXNz'])).toBe('Basic ***');
  });

  it('ignores empty secrets and leaves text without secrets alone', () => {
    expect(redactSecrets('nothing here', ['', 'zzz'])).toBe('nothing here');
  });
});
