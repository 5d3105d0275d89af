export const DEFAULT_SEED = 42;
export const DEFAULT_SCALE = 1;
/** Fixed reference date so generation never depends on the wall clock. */
export const DEFAULT_NOW_ISO = '2026-11-01T00:00:00.000Z';

/** Fixed e-mail addresses of the well-known demo users. */
export const ADMIN_EMAIL = 'admin@crm.example';
export const ANALYST_EMAIL = 'analyst@crm.example';
export const MANAGER_EMAIL = 'manager@crm.example';
export const REP_EMAIL = 'rep@crm.example';
export const USER_EMAIL_DOMAIN = 'crm.example';
