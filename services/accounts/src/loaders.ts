import { type Principal } from '@crm/kernel';
import { byIdLoader, LoaderRegistry, readableByIdLoader } from '@crm/kernel/subgraph';
import type { DataSource } from 'typeorm';
import { ACCOUNT_RECORD } from './accounts/account.record';
import { CONTACT_RECORD } from './contacts/contact.record';
import { SEGMENT_RECORD } from './segments/segment.record';
import { Team } from './people/team.entity';
import { User } from './people/user.entity';
import { daysSinceInteractionLoader } from './interactions/days-since-interaction.loader';
import { hierarchyRootLoader } from './accounts/hierarchy-root.loader';
import { segmentMemberCountLoader } from './segments/segment-member-count.loader';

/**
 * Fresh loaders for one request: caches must never outlive it or cross users. Accounts and contacts
 * load only when live and readable by `principal`; users and teams are never deleted and read by all.
 */
export function createLoaders(db: DataSource, principal: Principal) {
  return {
    accountById: readableByIdLoader(db, ACCOUNT_RECORD, principal),
    contactById: readableByIdLoader(db, CONTACT_RECORD, principal),
    segmentById: readableByIdLoader(db, SEGMENT_RECORD, principal),
    segmentMemberCount: segmentMemberCountLoader(db, principal),
    hierarchyRootIdByAccountId: hierarchyRootLoader(db, principal),
    userById: byIdLoader(db, User),
    teamById: byIdLoader(db, Team),
    daysSinceInteractionByAccount: daysSinceInteractionLoader(db),
    /** Argument-dependent loaders for nested connections. */
    lists: new LoaderRegistry(),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
