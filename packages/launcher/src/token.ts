import { parseArgs } from 'node:util';
import { ConfigError, createLogger, signToken, tokenSettings, UserRole } from '@crm/kernel';
import { loadConfig } from './config';
import { openDatabase } from './database';
import { findUser } from './demo-users';

const USAGE = 'usage: pnpm --silent token --role <ADMIN|MANAGER|REP|ANALYST> [--user <email>] [--expires 12h]';

/** `pnpm --silent token --role REP`: prints a bearer token for a seeded user on stdout, nothing else. */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { role: { type: 'string' }, user: { type: 'string' }, expires: { type: 'string' } }, strict: true });
  const role = (values.role ?? 'ADMIN').toUpperCase();
  if (!Object.values(UserRole).includes(role as UserRole)) throw new Error(`--role must be one of ${Object.values(UserRole).join(', ')}, got ${values.role}\n${USAGE}`);
  const config = loadConfig(process.env);
  const database = await openDatabase(config, createLogger({ name: 'token', level: 'warn', format: 'pretty', destination: 'stderr' }));
  try {
    const principal = await findUser(database.url, { role: role as UserRole, email: values.user });
    process.stdout.write(`${await signToken(principal, tokenSettings(config), values.expires ?? '12h')}\n`);
  } finally {
    await database.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
  process.exit(1);
});
