import { buildSchema, parse, specifiedRules, validate, type ValidationRule } from 'graphql';

/** A small CRM-shaped schema for the limits' tests: connections with `first`, recursion, a plain list. */
export const testSchema = buildSchema(`
  type Query {
    accounts(first: Int! = 20): AccountConnection!
    account(id: ID!): Account
    pipelines: [Pipeline!]!
    opportunities(first: Int): OpportunityConnection!
  }
  type AccountConnection { totalCount: Int! edges: [AccountEdge!]! }
  type AccountEdge { node: Account! }
  type Account { id: ID! name: String! parent: Account contacts(first: Int! = 20): ContactConnection! }
  type ContactConnection { edges: [ContactEdge!]! }
  type ContactEdge { node: Contact! }
  type Contact { name: String! account: Account! }
  type OpportunityConnection { totalCount: Int! }
  type Pipeline { name: String! stages: [String!]! }
`);

/** The messages of validating `source` against the test schema with graphql's rules plus `rule`. */
export function messages(source: string, rule: ValidationRule): string[] {
  return validate(testSchema, parse(source), [...specifiedRules, rule]).map((error) => error.message);
}
