export * from './test-database';
export * from './test-token';
export * from './graphql-request';
export * from './test-gateway-signing';
export * from './test-logger';
export { freePort } from './global-setup';
export * from './processes';
export * from './platform';
