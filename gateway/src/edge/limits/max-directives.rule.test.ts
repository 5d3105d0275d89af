import { maxDirectivesRule } from './max-directives.rule';
import { messages } from './test-schema';

describe('maxDirectivesRule', () => {
  it('accepts as many directives as the maximum', () => {
    expect(messages('query($y: Boolean!) { pipelines @include(if: $y) { name @skip(if: false) } }', maxDirectivesRule(2))).toEqual([]);
  });

  it('refuses a directive flood on one field, naming the count found and the maximum', () => {
    const flood = Array.from({ length: 60 }, () => '@include(if: true)').join(' ');
    const found = messages(`{ pipelines { name ${flood} } }`, maxDirectivesRule(50));
    expect(found).toContain('Directive count 60 exceeds the maximum of 50');
  });

  it('counts directives on fragments, spreads and inline fragments too', () => {
    const source = `
      { account(id: 1) { ...F @include(if: true) ... on Account @skip(if: false) { id } } }
      fragment F on Account { name @include(if: true) }
    `;
    expect(messages(source, maxDirectivesRule(2))).toEqual(['Directive count 3 exceeds the maximum of 2']);
  });
});
