import { formatError } from '@crm/kernel';
import { GraphQLError, Kind, parse } from 'graphql';
import { clientError, clientResult, type FormatError } from './client-error';

describe('clientError', () => {
  it('masks an error not meant for clients, as over HTTP', () => {
    expect(clientError(new GraphQLError('connect ECONNREFUSED 10.0.0.7:5432', { path: ['a'] }), formatError)).toEqual({
      message: 'Internal server error',
      path: ['a'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });

  it('keeps the message, code, path and locations of an error meant for clients, without serviceName, stack or HTTP status', () => {
    const document = parse('{ a }');
    const field = (document.definitions[0] as any).selectionSet.selections[0];
    expect(field.kind).toBe(Kind.FIELD);
    const error = new GraphQLError('Not allowed', {
      nodes: [field],
      path: ['a'],
      extensions: { code: 'FORBIDDEN', serviceName: 'opportunities', stacktrace: ['at x'], http: { status: 403 } },
    });
    expect(clientError(error, formatError)).toEqual({ message: 'Not allowed', locations: [{ line: 1, column: 3 }], path: ['a'], extensions: { code: 'FORBIDDEN' } });
  });

  it('formats a subgraph\'s plain error too, with the formatter given (production strips suggestions)', () => {
    const plain = { message: 'Cannot query field "nam" on type "Account". Did you mean "name"?', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    // Production's formatter, as server.ts composes it (edge/limits' withoutSuggestions after the
    // kernel's formatError), written out here: the subscriptions room imports nothing from the edge.
    const production: FormatError = (formatted, error) => {
      const masked = formatError(formatted, error);
      return { ...masked, message: masked.message.replace(/\s*Did you mean .*\?$/s, '') };
    };
    expect(clientError(plain, production).message).toBe('Cannot query field "nam" on type "Account".');
  });
});

describe('clientResult', () => {
  it('sends formatted errors as they are and formats the GraphQLErrors among them', () => {
    const formatted = { message: 'first must be at most 100', path: ['accounts'], extensions: { code: 'BAD_USER_INPUT', requestId: 'r1' } };
    const result = clientResult({ data: null, errors: [formatted, new GraphQLError('boom')] }, formatError);
    expect(result).toEqual({ data: null, errors: [formatted, { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
    expect(() => JSON.stringify(result)).not.toThrow();
  });

  it('leaves a result without errors untouched', () => {
    const result = { data: { a: 1 } };
    expect(clientResult(result, formatError)).toBe(result);
  });
});
