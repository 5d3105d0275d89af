import { byIdLoader, LoaderRegistry } from '@crm/kernel';
import type { DataSource } from 'typeorm';
import { Account } from '../entities/account.entity';
import { Contact } from '../entities/contact.entity';
import { Team } from '../entities/team.entity';
import { User } from '../entities/user.entity';

/** Fresh loaders for one request: caches must never outlive it or cross users. */
export function createLoaders(db: DataSource) {
  return {
    accountById: byIdLoader(db, Account),
    contactById: byIdLoader(db, Contact),
    userById: byIdLoader(db, User),
    teamById: byIdLoader(db, Team),
    /** Argument-dependent loaders for nested connections. */
    lists: new LoaderRegistry(),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
