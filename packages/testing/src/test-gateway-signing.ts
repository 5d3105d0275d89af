/**
 * The `GATEWAY_SIGNING_SECRET` test processes run with: the platform harness gives it to every
 * process, in-process tests put it in their config, and the signed request helpers default to it.
 * Deliberately not the development default, so a process that ignored the variable would fail.
 */
export const TEST_GATEWAY_SIGNING_SECRET = 'crm-test-gateway-signing-secret';
