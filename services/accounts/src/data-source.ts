import { createDataSource, type Logger } from '@crm/kernel';
import type { DataSource } from 'typeorm';
import { Account } from './entities/account.entity';
import { Contact } from './entities/contact.entity';
import { Team } from './entities/team.entity';
import { User } from './entities/user.entity';
import { CreateAccounts1764000000000 } from './migrations/1764000000000-create-accounts';
import { IdempotencyKeys1766000000000 } from './migrations/1766000000000-idempotency-keys';
import { AccessAndAudit1767000000000 } from './migrations/1767000000000-access-and-audit';

export const SCHEMA = 'accounts';

export function accountsDataSource(url: string, logger: Logger, poolSize?: number): DataSource {
  return createDataSource({
    url,
    schema: SCHEMA,
    entities: [Account, Contact, Team, User],
    migrations: [CreateAccounts1764000000000, IdempotencyKeys1766000000000, AccessAndAudit1767000000000],
    logger,
    poolSize,
  });
}
