import { gql } from '@apollo/client';
import { cursorOf, resumableRootKey } from './resume-link';

describe('resumableRootKey', () => {
  it('names the root field of a subscription that declares $after: String', () => {
    const query = gql`
      subscription ($filter: DealStageChangedFilter, $after: String) {
        dealStageChanged(filter: $filter, after: $after) { cursor }
      }
    `;
    expect(resumableRootKey({ query })).toBe('dealStageChanged');
  });

  it('uses the alias when the root field has one', () => {
    const query = gql`subscription ($after: String) { moves: dealStageChanged(after: $after) { cursor } }`;
    expect(resumableRootKey({ query })).toBe('moves');
  });

  it('ignores subscriptions without $after, with a non-String $after, and queries', () => {
    expect(resumableRootKey({ query: gql`subscription { dealStageChanged { cursor } }` })).toBeUndefined();
    expect(resumableRootKey({ query: gql`subscription ($after: String!) { dealStageChanged(after: $after) { cursor } }` })).toBeUndefined();
    expect(resumableRootKey({ query: gql`query ($after: String) { pipelines(after: $after) { totalCount } }` })).toBeUndefined();
  });
});

describe('cursorOf', () => {
  it('reads the cursor of the root field and nothing else', () => {
    expect(cursorOf({ data: { dealStageChanged: { cursor: 'c1' } } }, 'dealStageChanged')).toBe('c1');
    expect(cursorOf({ data: { dealStageChanged: { id: 'x' } } }, 'dealStageChanged')).toBeUndefined();
    expect(cursorOf({ data: null, errors: [{ message: 'boom' }] }, 'dealStageChanged')).toBeUndefined();
  });
});
