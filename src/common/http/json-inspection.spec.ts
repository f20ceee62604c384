import { jsonDepthExceeds, jsonValueProblems, stringProblem } from './json-inspection';

const LIMITS = { maxStringLength: 100, maxItems: 5 };

describe('jsonDepthExceeds', () => {
  const nested = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);

  it('counts object and array nesting on the raw text', () => {
    expect(jsonDepthExceeds(nested(32), 32)).toBe(false);
    expect(jsonDepthExceeds(nested(33), 32)).toBe(true);
    expect(jsonDepthExceeds('[[[[1]]]]', 3)).toBe(true);
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDepthExceeds(JSON.stringify({ a: '[[[[{{{{' }), 1)).toBe(false);
    expect(jsonDepthExceeds(JSON.stringify({ a: 'say \\"[[[[' }), 1)).toBe(false);
  });

  it('handles a document far deeper than the stack would allow', () => {
    expect(jsonDepthExceeds(nested(100_000), 32)).toBe(true);
  });
});

describe('stringProblem', () => {
  it('refuses NUL, lone surrogates and overlong strings', () => {
    expect(stringProblem('L\u0000', 100)).toMatch(/NUL/);
    expect(stringProblem('\ud800', 100)).toMatch(/surrogate/);
    expect(stringProblem('x\udc00', 100)).toMatch(/surrogate/);
    expect(stringProblem('xxxx', 3)).toMatch(/at most 3 characters, got 4/);
  });

  it('accepts ordinary text, paired surrogates (emoji) included', () => {
    expect(stringProblem('Anna 😀 Virtanen', 100)).toBeNull();
  });
});

describe('jsonValueProblems', () => {
  it('names the path and the value of each bad string', () => {
    const problems = jsonValueProblems({ Webhook: { Secret: 'a\u0000b' }, AttachedUsers: [{ UserId: '\ud800' }] }, LIMITS);
    expect(problems).toEqual([
      'Webhook.Secret must not contain NUL (\\u0000) characters, got "a\\u0000b"',
      expect.stringMatching(/^AttachedUsers\[0\]\.UserId must not contain lone UTF-16 surrogates/),
    ]);
  });

  it('checks property names too, and refuses the names every object has (__proto__, constructor, toString)', () => {
    expect(jsonValueProblems({ 'a\u0000': 1 }, LIMITS)[0]).toMatch(/^property name "a\\u0000" must not contain NUL/);
    const inherited = 'is not allowed (every object has a property of that name)';
    expect(jsonValueProblems(JSON.parse('{"x":{"__proto__":{"admin":true}}}'), LIMITS)).toEqual([`property name "__proto__" in x ${inherited}`]);
    expect(jsonValueProblems({ Headers: { constructor: 'x', toString: 'y', Accept: 'z' } }, LIMITS)).toEqual([
      `property name "constructor" in Headers ${inherited}`,
      `property name "toString" in Headers ${inherited}`,
    ]);
  });

  it('refuses numbers JSON.parse could only read as Infinity, naming the path', () => {
    expect(jsonValueProblems(JSON.parse('{"Mix":{"Queue":1e400},"Seed":-1e400}'), LIMITS)).toEqual([
      'Mix.Queue is a number beyond the range of a double (about ±1.8e308)',
      'Seed is a number beyond the range of a double (about ±1.8e308)',
    ]);
  });

  it('refuses an array with more items or an object with more properties than the limit, without walking them', () => {
    const many = Array.from({ length: 6 }, () => ({ UserId: '\u0000' }));
    expect(jsonValueProblems({ AttachedUsers: many }, LIMITS)).toEqual(['AttachedUsers has 6 items; at most 5 are accepted']);
    const headers = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`X-${i}`, 'v']));
    expect(jsonValueProblems({ Webhook: { Headers: headers } }, LIMITS)).toEqual(['Webhook.Headers has 6 properties; at most 5 are accepted']);
    expect(jsonValueProblems({ a: [1, 2, 3, 4, 5] }, LIMITS)).toEqual([]);
  });

  it('finds nothing in a clean document', () => {
    expect(jsonValueProblems({ a: ['x', 1, null, { b: true }] }, LIMITS)).toEqual([]);
  });
});
