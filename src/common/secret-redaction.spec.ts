import { redactSecrets, redactStrings } from './secret-redaction';

describe('redactSecrets', () => {
  it('masks every occurrence', () => {
    expect(redactSecrets('key=abc123, again abc123', ['abc123'])).toBe('key=***, again ***');
  });

  it('masks the longer of two overlapping secrets whole', () => {
    expect(redactSecrets('Basic dXNlcjpwYXNz', ['pa', 'dXNlcjpwYXNz'])).toBe('Basic ***');
  });

  it('masks a secret echoed JSON-escaped, percent-encoded or as HTML references, whatever the case of the hex digits', () => {
    const secret = 'a/b+c"d\\é e';
    const echoes = [
      JSON.stringify(secret),
      JSON.stringify(secret).replaceAll('/', '\\/'),
      '"a\\/b+c\\"d\\\\\\u00E9 e"',
      `"${encodeURIComponent(secret)}"`,
      `"${encodeURIComponent(secret).toLowerCase().replace('%20', '+')}"`,
      '"a&#47;b&#x2B;c&quot;d\\&#233; e"',
    ];
    for (const echo of echoes) expect(redactSecrets(`token=${echo};`, [secret])).toBe('token="***";');
  });

  it('treats a secret as text, not as a regular expression', () => {
    expect(redactSecrets('a.c abc (x)', ['a.c', '(x)'])).toBe('*** abc ***');
  });

  it('ignores empty secrets and leaves text without secrets alone', () => {
    expect(redactSecrets('nothing here', ['', 'zzz'])).toBe('nothing here');
  });
});

describe('redactStrings', () => {
  it('masks the strings of nested objects and arrays, and leaves other values alone', () => {
    const mask = (t: string) => redactSecrets(t, ['k3y']);
    expect(redactStrings({ A: 'k3y!', B: ['x', 'k3y'], C: 5, D: null, E: { F: 'k3y' } }, mask)).toEqual({
      A: '***!',
      B: ['x', '***'],
      C: 5,
      D: null,
      E: { F: '***' },
    });
  });
});
