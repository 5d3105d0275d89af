import { assertCursorNotAhead, compareEventCursors, decodeEventCursor, encodeEventCursor } from './event-cursor';

const badUserInputNaming = (field: string) =>
  expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', problems: [expect.objectContaining({ field })] }) });

describe('event cursors', () => {
  it('round-trip a position as opaque base64url with a version prefix', () => {
    for (const seq of [0n, 1n, 42n, 9_007_199_254_740_993n, 2n ** 63n - 1n]) {
      const cursor = encodeEventCursor(seq);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(cursor, 'base64url').toString()).toBe(`ev1:${seq}`);
      expect(decodeEventCursor(cursor)).toBe(seq);
    }
    expect(encodeEventCursor('17')).toBe(encodeEventCursor(17));
  });

  it('compare by position, not as strings', () => {
    expect(compareEventCursors(encodeEventCursor(9), encodeEventCursor(10))).toBeLessThan(0);
    expect(compareEventCursors(encodeEventCursor(10), encodeEventCursor(9))).toBeGreaterThan(0);
    expect(compareEventCursors(encodeEventCursor(10), encodeEventCursor(10))).toBe(0);
  });

  it('refuse anything else with BAD_USER_INPUT naming `after`', () => {
    const listCursor = Buffer.from(JSON.stringify(['2026-01-01T00:00:00.000Z', 'id'])).toString('base64url');
    const bad = ['', 'garbage!', listCursor, Buffer.from('ev1:-1').toString('base64url'), Buffer.from('ev1:01').toString('base64url'),
      Buffer.from(`ev1:${2n ** 63n}`).toString('base64url'), Buffer.from('ev2:5').toString('base64url'), 'x'.repeat(200)];
    for (const cursor of bad) expect(() => decodeEventCursor(cursor)).toThrow(badUserInputNaming('after'));
    expect(() => encodeEventCursor(-1n)).toThrow(RangeError);
  });

  it('refuse a resume cursor past the newest event, naming `after`', () => {
    expect(() => assertCursorNotAhead(encodeEventCursor(5), encodeEventCursor(5))).not.toThrow();
    expect(() => assertCursorNotAhead(encodeEventCursor(0), encodeEventCursor(0))).not.toThrow();
    expect(() => assertCursorNotAhead(encodeEventCursor(6), encodeEventCursor(5))).toThrow(badUserInputNaming('after'));
    expect(() => assertCursorNotAhead(encodeEventCursor(1), encodeEventCursor(0))).toThrow(/ahead of the newest event/);
  });
});
