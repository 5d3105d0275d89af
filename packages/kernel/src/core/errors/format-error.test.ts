import { GraphQLError } from 'graphql';
import { BadUserInputError } from './bad-user-input.error';
import { formatError, validationProblems } from './format-error';

describe('formatError', () => {
  it('keeps the message and code of errors meant for clients', () => {
    const error = BadUserInputError.field('input.name', 'must not be empty');
    const formatted = formatError({ message: error.message, extensions: { ...error.extensions, stacktrace: ['at x'] } }, error);
    expect(formatted).toEqual({ message: 'input.name: must not be empty', extensions: { code: 'BAD_USER_INPUT', problems: [{ field: 'input.name', message: 'must not be empty' }] } });
  });

  it('masks anything else, so no SQL or stack trace reaches a client', () => {
    const error = new Error('relation "accounts.accounts" does not exist at SELECT * FROM …');
    const formatted = formatError({ message: error.message, path: ['accounts'], extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['…'] } }, error);
    expect(formatted).toEqual({ message: 'Internal server error', path: ['accounts'], locations: undefined, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });

  it('turns class-validator failures into BAD_USER_INPUT naming each field and rule', () => {
    const error = new GraphQLError('Argument Validation Error', {
      extensions: { code: 'BAD_USER_INPUT', validationErrors: [{ property: 'annualRevenue', children: [{ property: 'currency', constraints: { isISO4217CurrencyCode: 'currency must be a valid ISO4217 currency code' } }] }] },
    });
    const formatted = formatError({ message: error.message, extensions: error.extensions }, error);
    expect(formatted.extensions?.code).toBe('BAD_USER_INPUT');
    expect(formatted.message).toBe('Invalid input: annualRevenue.currency: currency must be a valid ISO4217 currency code (rule: isISO4217CurrencyCode)');
    expect(validationProblems([])).toEqual([]);
  });
});
