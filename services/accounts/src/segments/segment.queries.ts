import { type Principal } from '@crm/kernel';
import { hidesContactDetails, paginate, readableBy, SortDirection, type PageArgs } from '@crm/kernel/subgraph';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { ACCOUNT_RECORD } from '../accounts/account.record';
import { accountSortOrder } from '../accounts/account-order.input';
import { CONTACT_RECORD } from '../contacts/contact.record';
import { AccountInteraction, lastInteractionSql } from '../interactions/account-interaction.entity';
import { User } from '../people/user.entity';
import { applySegmentRules } from './compile-segment-rules';
import type { SegmentPreview } from './segment-preview.type';
import type { SegmentRulesInput } from './segment-rules.input';
import type { SegmentRules } from './segment-rules.type';
import { Segment } from './segment.entity';
import { SEGMENT_RECORD } from './segment.record';
import { storedSegmentRules, validateSegmentRules } from './validate-segment-rules';

/**
 * The members of `rules` as a query builder on `account`: the live accounts `principal` may read
 * (the accounts' read rule, soft delete) that match the rules, all in SQL. `paginate` pages it for
 * `Segment.members`, `getCount` counts it for `memberCount`, the CSV export walks it in batches.
 */
export function segmentMembersQuery(db: DataSource, rules: SegmentRules, principal: Principal): SelectQueryBuilder<Account> {
  const qb = readableBy(db.getRepository(Account).createQueryBuilder('account'), ACCOUNT_RECORD, principal);
  return applySegmentRules(qb, rules, principal);
}

/** One page of `segments`, by name; every role reads them. */
export function listSegments(db: DataSource, principal: Principal, page: PageArgs) {
  const qb = readableBy(db.getRepository(Segment).createQueryBuilder('segment'), SEGMENT_RECORD, principal);
  return paginate(qb, { property: 'name', direction: SortDirection.ASC }, page);
}

/** One page of `Segment.members`, by name then id; the saved rules are validated again first. */
export function segmentMembers(db: DataSource, principal: Principal, segment: Segment, page: PageArgs) {
  return paginate(segmentMembersQuery(db, storedSegmentRules(segment), principal), accountSortOrder(), page);
}

/**
 * `segmentPreview`: the rules are validated now (refused before any query), the count and the first
 * members are each queried only when asked for.
 */
export function segmentPreview(db: DataSource, principal: Principal, rules: SegmentRulesInput, first: number): SegmentPreview {
  const members = segmentMembersQuery(db, validateSegmentRules(rules, 'rules'), principal);
  const order = accountSortOrder();
  return {
    get memberCount() {
      return members.clone().getCount();
    },
    get members() {
      return first === 0 ? Promise.resolve([]) : members.clone().orderBy(`account.${order.property}`, order.direction).addOrderBy('account.id', order.direction).limit(first).getMany();
    },
  };
}

/** What the CSV export adds to each member: owner e-mail, last interaction and first live contact. */
export interface MemberExportDetails {
  accountId: string;
  ownerEmail: string | null;
  lastInteractionAt: Date | null;
  contact: { name: string; email: string | null; phone: string | null } | null;
}

/**
 * The export's details of a batch of members in one query: each one's owner e-mail, last interaction
 * and first contact the caller may read (preferring one with an e-mail; its e-mail and phone left out
 * for ANALYSTs, who may not see them).
 */
export function memberExportDetails(db: DataSource, principal: Principal, accountIds: string[]): Promise<MemberExportDetails[]> {
  const hidden = hidesContactDetails(principal);
  const readContact = CONTACT_RECORD.access(principal, 'read', 'contact');
  return db
    .getRepository(Account)
    .createQueryBuilder('account')
    .leftJoin(User, 'owner', 'owner.id = account.ownerId')
    .leftJoin(AccountInteraction, 'interaction', 'interaction.accountId = account.id')
    .select('account.id', 'accountId')
    .addSelect('owner.email', 'ownerEmail')
    .addSelect(lastInteractionSql('interaction'), 'lastInteractionAt')
    .addSelect(
      `(SELECT json_build_object('name', contact.first_name || ' ' || contact.last_name,
                                 'email', ${hidden ? 'NULL' : 'contact.email'}, 'phone', ${hidden ? 'NULL' : 'contact.phone'})
          FROM accounts.contacts contact
         WHERE contact.account_id = account.id AND contact.deleted_at IS NULL AND ${readContact.sql}
         ORDER BY contact.email IS NULL, contact.created_at, contact.id
         LIMIT 1)`,
      'contact',
    )
    .where('account.id IN (:...ids)', { ids: accountIds })
    .setParameters(readContact.params)
    .getRawMany<MemberExportDetails>();
}
