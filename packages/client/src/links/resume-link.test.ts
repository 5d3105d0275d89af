import { gql, type ApolloLink } from '@apollo/client';
import { Subject } from 'rxjs';
import { cursorOf, ResumeLink, resumableRoot } from './resume-link';

describe('resumableRoot', () => {
  it('names the root field of a subscription that declares $after: String', () => {
    const query = gql`
      subscription ($filter: DealStageChangedFilter, $after: String) {
        dealStageChanged(filter: $filter, after: $after) { cursor }
      }
    `;
    expect(resumableRoot({ query })).toEqual({ key: 'dealStageChanged', field: 'dealStageChanged' });
  });

  it('uses the alias when the root field has one', () => {
    const query = gql`subscription ($after: String) { moves: dealStageChanged(after: $after) { cursor } }`;
    expect(resumableRoot({ query })).toEqual({ key: 'moves', field: 'dealStageChanged' });
  });

  it('ignores subscriptions without $after, with a non-String $after, and queries', () => {
    expect(resumableRoot({ query: gql`subscription { dealStageChanged { cursor } }` })).toBeUndefined();
    expect(resumableRoot({ query: gql`subscription ($after: String!) { dealStageChanged(after: $after) { cursor } }` })).toBeUndefined();
    expect(resumableRoot({ query: gql`query ($after: String) { pipelines(after: $after) { totalCount } }` })).toBeUndefined();
  });
});

describe('cursorOf', () => {
  it('reads the cursor of the root field and nothing else', () => {
    expect(cursorOf({ data: { dealStageChanged: { cursor: 'c1' } } }, 'dealStageChanged')).toBe('c1');
    expect(cursorOf({ data: { dealStageChanged: { id: 'x' } } }, 'dealStageChanged')).toBeUndefined();
    expect(cursorOf({ data: null, errors: [{ message: 'boom' }] }, 'dealStageChanged')).toBeUndefined();
  });
});

describe('ResumeLink', () => {
  const SUBSCRIPTION = gql`subscription ($after: String) { moves: dealStageChanged(after: $after) { cursor } }`;

  /** Runs the link on a live subscription; `events` is what the server sends, `sent` the variables graphql-ws would serialise. */
  function start(options: ConstructorParameters<typeof ResumeLink>[0], variables: Record<string, unknown> = {}) {
    const events = new Subject<ApolloLink.Result>();
    let sent: Record<string, unknown> = {};
    const delivered: unknown[] = [];
    const operation = { query: SUBSCRIPTION, variables } as unknown as ApolloLink.Operation;
    new ResumeLink(options)
      .request(operation, (forwarded) => {
        sent = forwarded.variables;
        return events.asObservable();
      })
      .subscribe((result) => delivered.push(result));
    return { events, after: () => sent.after, delivered };
  }

  it('resumes a live subscription from the log head it asked for as it started, until the first event', async () => {
    const asked: string[] = [];
    const { events, after, delivered } = start({ fetchHead: async (field) => (asked.push(field), 'head-7') });
    expect(after()).toBeUndefined();
    await new Promise((resolve) => setImmediate(resolve));
    expect(asked).toEqual(['dealStageChanged']);
    expect(after()).toBe('head-7');
    events.next({ data: { moves: { cursor: 'c8' } } });
    expect(after()).toBe('c8');
    expect(delivered).toHaveLength(1);
  });

  it('asks for no head when the subscription starts from its own after, and stays live when asking fails', async () => {
    const fetchHead = jest.fn(async () => 'head-7');
    expect(start({ fetchHead }, { after: 'c3' }).after()).toBe('c3');
    expect(fetchHead).not.toHaveBeenCalled();
    const failing = start({ fetchHead: async () => Promise.reject(new Error('offline')) });
    await new Promise((resolve) => setImmediate(resolve));
    expect(failing.after()).toBeUndefined();
  });
});
