import { type Principal } from '@crm/kernel';
import { adoptionInputCtes, adoptionRowsParameter, auditUsageSelect, peerUsageCte, queryRows, type AdoptionRowReference } from '@crm/kernel/subgraph';
import type { DataSource } from 'typeorm';
import { ACCOUNT_RECORD } from '../accounts/account.record';
import { CONTACT_RECORD } from '../contacts/contact.record';

/** This subgraph's part of one `AdoptionRow`. */
export interface AccountsUsage {
  accountsCreated: number;
  accountsUpdated: number;
  contactsCreated: number;
  contactsUpdated: number;
  /** Per peer, in `peerIds` order: accounts and contacts created plus updated. */
  peerAccountUsage: number[];
}

/**
 * The accounts part of many adoption rows in one SQL query: per row, the distinct live accounts and
 * contacts its person created and updated in the window (from this schema's audit log, only records
 * `principal` may read), and the same total for each of the row's peers.
 */
export async function accountsUsage(db: DataSource, principal: Principal, rows: readonly AdoptionRowReference[]): Promise<AccountsUsage[]> {
  const accounts = auditUsageSelect('accounts', 'accounts', ACCOUNT_RECORD, principal);
  const contacts = auditUsageSelect('accounts', 'contacts', CONTACT_RECORD, principal);
  const found = await queryRows<AccountsUsage & { rowNo: number }>(
    db,
    `WITH ${adoptionInputCtes()},
     account_counts AS (${accounts.sql}),
     contact_counts AS (${contacts.sql}),
     counts AS (
       SELECT person_id, window_from, window_to, sum(created + updated)::int AS usage
         FROM (SELECT * FROM account_counts UNION ALL SELECT * FROM contact_counts) AS both_kinds
        GROUP BY person_id, window_from, window_to
     ),
     ${peerUsageCte('peer_usage', 'counts', 'counted.usage')}
     SELECT rows.row_no AS "rowNo",
            coalesce(account_counts.created, 0) AS "accountsCreated", coalesce(account_counts.updated, 0) AS "accountsUpdated",
            coalesce(contact_counts.created, 0) AS "contactsCreated", coalesce(contact_counts.updated, 0) AS "contactsUpdated",
            coalesce(peer_usage.usage, '{}') AS "peerAccountUsage"
       FROM adoption_rows rows
       LEFT JOIN account_counts
         ON account_counts.person_id = rows.user_id AND account_counts.window_from = rows.window_from AND account_counts.window_to = rows.window_to
       LEFT JOIN contact_counts
         ON contact_counts.person_id = rows.user_id AND contact_counts.window_from = rows.window_from AND contact_counts.window_to = rows.window_to
       LEFT JOIN peer_usage ON peer_usage.row_no = rows.row_no
      ORDER BY rows.row_no`,
    { ...accounts.params, ...contacts.params, adoptionRows: adoptionRowsParameter(rows) },
  );
  return found.map(({ rowNo: _rowNo, ...usage }) => usage);
}
