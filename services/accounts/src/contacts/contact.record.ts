import { accessCondition, type RecordType } from '@crm/kernel/subgraph';
import { Contact } from './contact.entity';

/**
 * Contacts are customer records that belong to their account: whoever may write the account (also
 * a deleted one) may write its contacts. Everyone reads them, but ANALYSTs without e-mail and phone.
 */
export const CONTACT_RECORD: RecordType<Contact> = {
  entity: Contact,
  name: 'Contact',
  audited: ['accountId', 'firstName', 'lastName', 'email', 'phone', 'jobTitle'],
  access: (principal, access, alias) => {
    const owner = `(SELECT contact_account.owner_id FROM accounts.accounts contact_account WHERE contact_account.id = ${alias}.account_id)`;
    return accessCondition(principal, 'customer', access, {
      owner,
      team: `(SELECT owner_user.team_id FROM accounts.users owner_user WHERE owner_user.id = ${owner})`,
    });
  },
};
