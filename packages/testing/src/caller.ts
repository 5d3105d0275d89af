import { graphqlRequest, signedGraphqlRequest, type GraphQLResponse } from './graphql-request';

/** A client error as tests compare it: its code, message, the fields it names and its path. */
export interface Problem {
  code: string | undefined;
  message: string;
  /** `extensions.problems[].field` of a BAD_USER_INPUT, in order; empty otherwise. */
  fields: string[];
  path: readonly (string | number)[] | undefined;
}

/** The first error of `response` as tests compare it; undefined when it has none. */
export function problemOf(response: Pick<GraphQLResponse, 'errors'>): Problem | undefined {
  const [error] = response.errors ?? [];
  if (!error) return undefined;
  const problems = (error.extensions?.problems ?? []) as { field: string }[];
  return { code: error.extensions?.code, message: error.message, fields: problems.map((p) => p.field), path: error.path };
}

/** GraphQL calls to one endpoint with one bearer token (signed as the gateway signs them). */
export interface Caller {
  /** The whole answer, errors included. */
  call<T = any>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T> & { status: number }>;
  /** The data of an answer that must have no errors; otherwise throws with the errors. */
  ok<T = any>(query: string, variables?: Record<string, unknown>): Promise<T>;
  /** The first error of an answer that must have one; otherwise throws with the data. */
  problem(query: string, variables?: Record<string, unknown>): Promise<Problem>;
}

/**
 * A caller to `url` with `token` (none: anonymous). Signed as the gateway signs its requests, for
 * a subgraph; `signed: false` for the gateway itself.
 */
export function callerOf(url: string, token?: string, { signed = true } = {}): Caller {
  const call = <T>(query: string, variables: Record<string, unknown> = {}) => (signed ? signedGraphqlRequest<T> : graphqlRequest<T>)(url, query, variables, token);
  return {
    call,
    async ok<T>(query: string, variables?: Record<string, unknown>) {
      const response = await call<T>(query, variables);
      if (response.errors?.length) throw new Error(`expected no errors, got ${JSON.stringify(response.errors)} for ${query.slice(0, 120)}`);
      return response.data as T;
    },
    async problem(query: string, variables?: Record<string, unknown>) {
      const response = await call(query, variables);
      const problem = problemOf(response);
      if (!problem) throw new Error(`expected an error, got ${JSON.stringify(response.data)} for ${query.slice(0, 120)}`);
      return problem;
    },
  };
}
