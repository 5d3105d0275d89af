import { cursorKindOfColumn, decodeCursor, encodeCursor, type CursorSpec } from './cursor';

const ID = '0d9c5a5e-7f5a-4c59-9a43-1b7b0c1f2a33';
const BY_NAME: CursorSpec = { list: 'account.name ASC', kind: 'text' };
const BY_TIME: CursorSpec = { list: 'activity.timelineAt DESC', kind: 'timestamp' };
const tampered = (list: unknown, value: unknown, id: unknown) => Buffer.from(JSON.stringify([list, value, id])).toString('base64url');
const refusal = expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', problems: [expect.objectContaining({ field: 'after' })] }) });

describe('cursors', () => {
  it('round-trip a sort value and an id, with dates as ISO strings', () => {
    const at = new Date('2026-11-01T10:00:00.000Z');
    expect(decodeCursor(BY_TIME, encodeCursor(BY_TIME, at, ID))).toEqual(['2026-11-01T10:00:00.000Z', ID]);
    expect(decodeCursor(BY_NAME, encodeCursor(BY_NAME, 'Acme', ID))).toEqual(['Acme', ID]);
    const byCount: CursorSpec = { list: 'x.count ASC', kind: 'integer' };
    expect(decodeCursor(byCount, encodeCursor(byCount, 42, ID))).toEqual([42, ID]);
    const byAmount: CursorSpec = { list: 'deal.amountValue DESC', kind: 'decimal' };
    expect(decodeCursor(byAmount, encodeCursor(byAmount, '125000.50', ID))).toEqual(['125000.50', ID]);
    const byDay: CursorSpec = { list: 'deal.expectedCloseDate ASC', kind: 'date' };
    expect(decodeCursor(byDay, encodeCursor(byDay, '2026-02-28', ID))).toEqual(['2026-02-28', ID]);
  });

  it('refuse anything that is not a cursor with BAD_USER_INPUT naming `after`', () => {
    for (const bad of ['garbage!', Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1]').toString('base64url'), '', 'A'.repeat(5000)]) {
      expect(() => decodeCursor(BY_NAME, bad)).toThrow(refusal);
    }
  });

  it('refuse a cursor of another list or another order of the same list', () => {
    expect(() => decodeCursor(BY_NAME, encodeCursor({ list: 'contact.name ASC', kind: 'text' }, 'Acme', ID))).toThrow(refusal);
    expect(() => decodeCursor(BY_NAME, encodeCursor({ list: 'account.name DESC', kind: 'text' }, 'Acme', ID))).toThrow(refusal);
  });

  it('refuse edited values before they reach SQL: a non-UUID id, an invalid date, a wrong type, a NUL', () => {
    expect(() => decodeCursor(BY_NAME, tampered(BY_NAME.list, 'Acme', 'not-a-uuid'))).toThrow(refusal);
    expect(() => decodeCursor(BY_NAME, tampered(BY_NAME.list, 'Ac\u0000me', ID))).toThrow(refusal);
    expect(() => decodeCursor(BY_NAME, tampered(BY_NAME.list, 7, ID))).toThrow(refusal);
    expect(() => decodeCursor(BY_TIME, tampered(BY_TIME.list, '2026-02-30T00:00:00Z', ID))).toThrow(refusal);
    expect(() => decodeCursor(BY_TIME, tampered(BY_TIME.list, 'yesterday', ID))).toThrow(refusal);
    expect(() => decodeCursor({ list: 'd', kind: 'date' }, tampered('d', '2026-13-45', ID))).toThrow(refusal);
    expect(() => decodeCursor({ list: 'd', kind: 'decimal' }, tampered('d', '1e9', ID))).toThrow(refusal);
    expect(() => decodeCursor({ list: 'd', kind: 'integer' }, tampered('d', 1.5, ID))).toThrow(refusal);
  });

  it('tell the kind of a sort column from its TypeORM type', () => {
    expect([Date, 'timestamptz', 'date', 'numeric', 'int', Number, 'text', String].map(cursorKindOfColumn)).toEqual(['timestamp', 'timestamp', 'date', 'decimal', 'integer', 'integer', 'text', 'text']);
  });
});
