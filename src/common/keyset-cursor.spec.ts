import { ValidationProblem } from './errors/domain-errors';
import { decodeCursor, encodeCursor, filterFingerprint } from './keyset-cursor';

const ID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const at = { micros: ['1764556800123456'], id: ID };

describe('keyset cursor', () => {
  it('gives back the position it was made from, for the same list and filters', () => {
    const query = { webhookId: ID, status: 'delivered', limit: 50 };
    expect(decodeCursor('deliveries', query, encodeCursor('deliveries', query, at), 1)).toEqual(at);
  });

  it('ignores the paging fields and the order of the filters', () => {
    const cursor = encodeCursor('deliveries', { status: 'delivered', webhookId: ID, limit: 10 }, at);
    expect(decodeCursor('deliveries', { webhookId: ID, status: 'delivered', limit: 99, offset: 0, waitMs: 5, cursor: 'x' }, cursor, 1)).toEqual(at);
    expect(filterFingerprint({ a: '1', b: undefined, c: '' })).toBe(filterFingerprint({ a: '1' }));
  });

  it.each([
    ['another list', (c: string) => decodeCursor('events', {}, c, 1)],
    ['other filters', (c: string) => decodeCursor('deliveries', { status: 'retrying' }, c, 1)],
    ['a changed character', (c: string) => decodeCursor('deliveries', {}, (c[0] === 'A' ? 'B' : 'A') + c.slice(1), 1)],
    ['no check', (c: string) => decodeCursor('deliveries', {}, c.split('.')[0], 1)],
    ['another key count', (c: string) => decodeCursor('deliveries', {}, c, 2)],
    ['not a cursor', () => decodeCursor('deliveries', {}, '%%%', 1)],
    // Signed as the service signs (the salt is in the source), with a time no bigint holds.
    ['a time beyond any stored row', () => decodeCursor('deliveries', {}, encodeCursor('deliveries', {}, { micros: ['99999999999999999999'], id: ID }), 1)],
  ])('refuses a cursor with %s as a 400', (_, decode) => {
    const cursor = encodeCursor('deliveries', {}, at);
    expect(() => decode(cursor)).toThrow(ValidationProblem);
  });
});
