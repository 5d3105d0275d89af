import { type Logger } from '@crm/kernel';
import { createDataSource } from '@crm/kernel/subgraph';
import type { DataSource } from 'typeorm';
import { AccountInteraction } from './interactions/account-interaction.entity';
import { Account } from './accounts/account.entity';
import { Contact } from './contacts/contact.entity';
import { StaleThreshold } from './interactions/stale-threshold.entity';
import { Team } from './people/team.entity';
import { User } from './people/user.entity';
import { CreateAccounts1764000000000 } from './migrations/1764000000000-create-accounts';
import { IdempotencyKeys1766000000000 } from './migrations/1766000000000-idempotency-keys';
import { AccessAndAudit1767000000000 } from './migrations/1767000000000-access-and-audit';
import { AccountInteractions1768200000000 } from './migrations/1768200000000-account-interactions';
import { Segments1768300000000 } from './migrations/1768300000000-segments';
import { Segment } from './segments/segment.entity';
import { AuditLogByActor1768400000000 } from './migrations/1768400000000-audit-log-by-actor';

export const SCHEMA = 'accounts';

export function accountsDataSource(url: string, logger: Logger, poolSize?: number): DataSource {
  return createDataSource({
    url,
    schema: SCHEMA,
    entities: [Account, Contact, Team, User, AccountInteraction, StaleThreshold, Segment],
    migrations: [CreateAccounts1764000000000, IdempotencyKeys1766000000000, AccessAndAudit1767000000000, AccountInteractions1768200000000, Segments1768300000000, AuditLogByActor1768400000000],
    logger,
    poolSize,
  });
}
