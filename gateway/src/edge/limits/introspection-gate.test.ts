import { UserRole, type Principal } from '@crm/kernel';
import { parse } from 'graphql';
import { introspectionRefusal, usesIntrospection } from './introspection-gate';

const as = (role: UserRole): Principal => ({ userId: 'u', email: 'u@crm.example', role, teamId: null });

describe('usesIntrospection', () => {
  it('finds __schema and __type in operations and fragments', () => {
    expect(usesIntrospection(parse('{ __schema { queryType { name } } }'))).toBe(true);
    expect(usesIntrospection(parse('{ ...F } fragment F on Query { __type(name: "Account") { name } }'))).toBe(true);
  });

  it('does not take __typename or a fragment named __schema for introspection', () => {
    expect(usesIntrospection(parse('{ account(id: 1) { __typename ...__schema } } fragment __schema on Account { name }'))).toBe(false);
  });
});

describe('introspectionRefusal', () => {
  const introspection = parse('{ __schema { types { name } } }');

  it('lets everyone introspect outside production', () => {
    expect(introspectionRefusal(introspection, as(UserRole.REP), false)).toBeUndefined();
  });

  it('lets only ADMIN and ANALYST introspect in production', () => {
    expect(introspectionRefusal(introspection, as(UserRole.ADMIN), true)).toBeUndefined();
    expect(introspectionRefusal(introspection, as(UserRole.ANALYST), true)).toBeUndefined();
    for (const role of [UserRole.REP, UserRole.MANAGER]) {
      const refusal = introspectionRefusal(introspection, as(role), true);
      expect(refusal?.message).toBe(`Introspection is available to ADMIN and ANALYST users only, got role ${role}`);
      expect(refusal?.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }
  });

  it('never refuses an operation without introspection', () => {
    expect(introspectionRefusal(parse('{ account(id: 1) { __typename } }'), as(UserRole.REP), true)).toBeUndefined();
  });
});
