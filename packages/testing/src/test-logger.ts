import { createLogger, type Logger } from '@crm/kernel';

/** Quiet logger for in-process servers under test; TEST_LOG_LEVEL=debug shows their logs. */
export const testLogger: Logger = createLogger({ name: 'test', level: process.env.TEST_LOG_LEVEL ?? 'silent' });
