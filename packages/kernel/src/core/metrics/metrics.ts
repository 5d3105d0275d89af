import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** One registry per process; `/metrics` serialises it. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

/** Every SQL statement a process sends; tests read it to prove batching keeps query counts flat. */
export const dbQueriesTotal = new Counter({
  name: 'crm_db_queries_total',
  help: 'SQL queries executed by this process',
  registers: [metricsRegistry],
});

/** The statements among them that change rows; tests read it to prove a refused request wrote nothing. */
export const dbWritesTotal = new Counter({
  name: 'crm_db_writes_total',
  help: 'SQL statements that insert, update or delete rows, executed by this process',
  registers: [metricsRegistry],
});

export const dbQueryErrorsTotal = new Counter({
  name: 'crm_db_query_errors_total',
  help: 'SQL queries that failed',
  registers: [metricsRegistry],
});

export const graphqlRequestDuration = new Histogram({
  name: 'crm_graphql_request_duration_seconds',
  help: 'Duration of GraphQL requests, by operation type and outcome',
  labelNames: ['operation', 'outcome'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

export const httpRequestDuration = new Histogram({
  name: 'crm_http_request_duration_seconds',
  help: 'Duration of HTTP requests by route and status',
  labelNames: ['route', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});
