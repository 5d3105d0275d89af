import 'reflect-metadata';
import { demoSeed, type Book } from '@crm/demo-data';
import { seedAuditTrail, type SeedDefinition } from '@crm/kernel/subgraph';
import { Account } from './accounts/account.entity';
import { ACCOUNT_RECORD } from './accounts/account.record';
import { Contact } from './contacts/contact.entity';
import { CONTACT_RECORD } from './contacts/contact.record';
import { Team } from './people/team.entity';
import { User } from './people/user.entity';
import { accountsDataSource } from './data-source';

/** This service's slice of the demo book: teams, users, accounts (parents first) and contacts. */
export const accountsSeed: SeedDefinition<Book> = demoSeed({
  name: 'accounts',
  dataSource: accountsDataSource,
  seededWhen: User,
  async load(manager, book, insert) {
    await insert(Team, book.teams);
    await insert(User, book.users);
    await insert(
      Account,
      book.accounts.map(({ annualRevenue, ...account }) => ({ ...account, annualRevenueAmount: annualRevenue })),
    );
    await insert(Contact, book.contacts);
    await seedAuditTrail(manager, ACCOUNT_RECORD, { actor: 'record.owner_id' });
    await seedAuditTrail(manager, CONTACT_RECORD, { actor: 'account.owner_id', join: 'JOIN accounts.accounts account ON account.id = record.account_id' });
  },
});
