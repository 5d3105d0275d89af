import { maxRootFieldsRule } from './max-root-fields.rule';
import { messages } from './test-schema';

describe('maxRootFieldsRule', () => {
  it('accepts as many root fields as the maximum', () => {
    expect(messages('{ pipelines { name } accounts { totalCount } }', maxRootFieldsRule(2))).toEqual([]);
  });

  it('refuses more root fields, counting those inside root fragments but not nested fields', () => {
    const source = '{ pipelines { name stages } ...Root } fragment Root on Query { accounts { totalCount } a: account(id: 1) { name } }';
    expect(messages(source, maxRootFieldsRule(2))).toEqual(['Root field count 3 exceeds the maximum of 2']);
  });
});
