import 'reflect-metadata';
import { generateBook, type Book } from '@crm/demo-data';
import { seedAuditTrail, type SeedDefinition } from '@crm/kernel/subgraph';
import { Account } from './accounts/account.entity';
import { Contact } from './contacts/contact.entity';
import { Team } from './people/team.entity';
import { User } from './people/user.entity';
import { accountsDataSource } from './data-source';

/** This service's slice of the demo book: teams, users, accounts (parents first) and contacts. */
export const accountsSeed: SeedDefinition<Book> = {
  name: 'accounts',
  dataSource: accountsDataSource,
  generate: generateBook,
  isSeeded: (db) => db.getRepository(User).exists(),
  async load(manager, book, insert) {
    await insert(Team, book.teams);
    await insert(User, book.users);
    await insert(
      Account,
      book.accounts.map(({ annualRevenue, ...account }) => ({ ...account, annualRevenueAmount: annualRevenue })),
    );
    await insert(Contact, book.contacts);
    await seedAuditTrail(manager, { entityType: 'Account', schema: 'accounts', source: 'accounts.accounts record', actor: 'record.owner_id' });
    await seedAuditTrail(manager, {
      entityType: 'Contact',
      schema: 'accounts',
      source: 'accounts.contacts record JOIN accounts.accounts account ON account.id = record.account_id',
      actor: 'account.owner_id',
    });
  },
};
