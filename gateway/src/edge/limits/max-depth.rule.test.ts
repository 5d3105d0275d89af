import { maxDepthRule } from './max-depth.rule';
import { messages } from './test-schema';

describe('maxDepthRule', () => {
  it('accepts an operation exactly as deep as the maximum', () => {
    expect(messages('{ account(id: 1) { parent { parent { name } } } }', maxDepthRule(4))).toEqual([]);
  });

  it('refuses a deeper operation, naming the depth found and the maximum', () => {
    expect(messages('{ account(id: 1) { parent { parent { parent { name } } } } }', maxDepthRule(4))).toEqual(['Query depth 5 exceeds the maximum of 4']);
  });

  it('counts the depth of fragments and inline fragments where they are spread', () => {
    const source = `
      query { account(id: 1) { ...Up } }
      fragment Up on Account { parent { ... on Account { parent { ...Name } } } }
      fragment Name on Account { parent { name } }
    `;
    expect(messages(source, maxDepthRule(4))).toEqual(['Query depth 5 exceeds the maximum of 4']);
  });

  it('does not count introspection fields, so the playground can load the schema', () => {
    const source = '{ __schema { types { fields { type { ofType { ofType { ofType { ofType { name } } } } } } } } __typename }';
    expect(messages(source, maxDepthRule(2))).toEqual([]);
  });

  it('survives circular fragments, leaving their report to graphql itself', () => {
    const source = 'query { account(id: 1) { ...A } } fragment A on Account { parent { ...B } } fragment B on Account { parent { ...A } }';
    const found = messages(source, maxDepthRule(12));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/Cannot spread fragment "A" within itself/);
  });

  it('judges each operation of a document on its own', () => {
    const source = 'query Shallow { account(id: 1) { name } } query Deep { account(id: 1) { parent { parent { name } } } }';
    expect(messages(source, maxDepthRule(3))).toEqual(['Query depth 4 exceeds the maximum of 3']);
  });
});
