import { utf8Excerpt } from './body-excerpt';

describe('utf8Excerpt', () => {
  it('returns short text unchanged', () => {
    expect(utf8Excerpt('{"a":1}', 16)).toBe('{"a":1}');
  });

  it('cuts at the byte limit', () => {
    expect(utf8Excerpt('abcdef', 4)).toBe('abcd');
  });

  it('never ends inside a multi-byte character', () => {
    // "ä" is two bytes, "€" three, "😀" four (a surrogate pair in JavaScript).
    expect(utf8Excerpt('aä', 2)).toBe('a');
    expect(utf8Excerpt('a€', 3)).toBe('a');
    expect(utf8Excerpt('a😀', 4)).toBe('a');
    expect(utf8Excerpt('a😀b', 5)).toBe('a😀');
  });
});
