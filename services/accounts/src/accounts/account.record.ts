import { accessCondition, type RecordType } from '@crm/kernel/subgraph';
import { Account } from './account.entity';

/**
 * Accounts are customer records: everyone reads them; the owner writes them, so does a MANAGER of the
 * owner's team (an account's team is its owner's team), and an ADMIN.
 */
export const ACCOUNT_RECORD: RecordType<Account> = {
  entity: Account,
  name: 'Account',
  audited: ['name', 'domain', 'industry', 'market', 'tier', 'lifecycle', 'annualRevenue', 'employeeCount', 'country', 'parentId', 'ownerId'],
  access: (principal, access, alias) =>
    accessCondition(principal, 'customer', access, {
      owner: `${alias}.owner_id`,
      team: `(SELECT owner_user.team_id FROM accounts.users owner_user WHERE owner_user.id = ${alias}.owner_id)`,
    }),
};
