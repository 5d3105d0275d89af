import { withoutSuggestions } from './hide-suggestions';

describe('withoutSuggestions', () => {
  it('drops "Did you mean" from validation messages', () => {
    const error = { message: 'Cannot query field "nam" on type "Account". Did you mean "name"?', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } };
    expect(withoutSuggestions(error)).toEqual({ message: 'Cannot query field "nam" on type "Account".', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
  });

  it('drops enum value suggestions from variable errors', () => {
    const error = {
      message: 'Variable "$l" got invalid value "CUST"; Value "CUST" does not exist in "Lifecycle" enum. Did you mean the enum value "CUSTOMER"?',
      extensions: { code: 'BAD_USER_INPUT' },
    };
    expect(withoutSuggestions(error).message).toBe('Variable "$l" got invalid value "CUST"; Value "CUST" does not exist in "Lifecycle" enum.');
  });

  it('leaves other errors untouched', () => {
    const error = { message: 'Deal not found. Did you mean another one?', extensions: { code: 'NOT_FOUND' } };
    expect(withoutSuggestions(error)).toBe(error);
  });
});
