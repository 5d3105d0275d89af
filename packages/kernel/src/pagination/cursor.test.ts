import { decodeCursor, encodeCursor } from './cursor';

describe('cursors', () => {
  it('round-trip a sort value and an id, with dates as ISO strings', () => {
    const at = new Date('2026-11-01T10:00:00.000Z');
    expect(decodeCursor(encodeCursor(at, 'id-1'))).toEqual(['2026-11-01T10:00:00.000Z', 'id-1']);
    expect(decodeCursor(encodeCursor('Acme', 'id-2'))).toEqual(['Acme', 'id-2']);
    expect(decodeCursor(encodeCursor(42, 'id-3'))).toEqual([42, 'id-3']);
  });

  it('refuse anything that is not a cursor with BAD_USER_INPUT naming `after`', () => {
    for (const bad of ['garbage', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1]').toString('base64url'), '']) {
      expect(() => decodeCursor(bad)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
    }
  });
});
