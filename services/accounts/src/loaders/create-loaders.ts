import { type Principal } from '@crm/kernel';
import { byIdLoader, LoaderRegistry, readableByIdLoader } from '@crm/kernel/subgraph';
import type { DataSource } from 'typeorm';
import { ACCOUNT_RECORD } from '../entities/account.record';
import { CONTACT_RECORD } from '../entities/contact.record';
import { SEGMENT_RECORD } from '../entities/segment.record';
import { Team } from '../entities/team.entity';
import { User } from '../entities/user.entity';
import { daysSinceInteractionLoader } from './days-since-interaction.loader';
import { hierarchyRootLoader } from './hierarchy-root.loader';
import { segmentMemberCountLoader } from './segment-member-count.loader';

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
