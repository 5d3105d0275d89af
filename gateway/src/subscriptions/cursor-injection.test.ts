import { buildSchema, getOperationAST, parse, print } from 'graphql';
import { CURSOR_ALIAS, injectCursor, takeCursor } from './cursor-injection';

const schema = buildSchema(`
  type Query { ok: Boolean }
  type Change { cursor: String! name: String }
  type Other { name: String }
  type Subscription { changes: Change! others: Other! }
`);

describe('cursor injection', () => {
  it('adds an aliased cursor to a root field that has one, and takes it back out of results', () => {
    const document = parse('subscription { changes { name } }');
    const injected = injectCursor(document, getOperationAST(document)!, schema);
    expect(print(injected)).toContain(`${CURSOR_ALIAS}: cursor`);
    const data = { changes: { name: 'a', [CURSOR_ALIAS]: 'c1' } };
    expect(takeCursor(data)).toBe('c1');
    expect(data).toEqual({ changes: { name: 'a' } });
  });

  it('leaves operations whose root type has no cursor unchanged', () => {
    const document = parse('subscription { others { name } }');
    expect(injectCursor(document, getOperationAST(document)!, schema)).toBe(document);
  });
});
