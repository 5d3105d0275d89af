import { maxAliasesRule } from './max-aliases.rule';
import { messages } from './test-schema';

describe('maxAliasesRule', () => {
  it('accepts as many aliases as the maximum', () => {
    expect(messages('{ a: account(id: 1) { n: name } b: account(id: 2) { name } }', maxAliasesRule(3))).toEqual([]);
  });

  it('refuses an alias flood, naming the count found and the maximum', () => {
    const flood = Array.from({ length: 40 }, (_, i) => `a${i}: account(id: ${i}) { id }`).join(' ');
    expect(messages(`{ ${flood} }`, maxAliasesRule(30))).toEqual(['Alias count 40 exceeds the maximum of 30']);
  });

  it('counts a fragment’s aliases each time the fragment is spread', () => {
    const source = `
      { a: account(id: 1) { ...Names } b: account(id: 2) { ...Names } }
      fragment Names on Account { x: name y: name }
    `;
    expect(messages(source, maxAliasesRule(5))).toEqual(['Alias count 6 exceeds the maximum of 5']);
  });

  it('measures a fragment bomb without expanding it', () => {
    // F0 spreads F1 twice, F1 spreads F2 twice, … : 2^30 aliases once expanded, 31 fragments to read.
    const fragments = Array.from({ length: 30 }, (_, i) => `fragment F${i} on Account { ...F${i + 1} parent { ...F${i + 1} } }`);
    const source = `{ account(id: 1) { ...F0 } } ${fragments.join(' ')} fragment F30 on Account { x: name }`;
    expect(messages(source, maxAliasesRule(30))).toEqual([`Alias count ${2 ** 30} exceeds the maximum of 30`]);
  });
});
