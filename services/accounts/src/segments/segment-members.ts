import { BadUserInputError, type Principal } from '@crm/kernel';
import { readableBy } from '@crm/kernel/subgraph';
import type { DataSource, SelectQueryBuilder } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { ACCOUNT_RECORD } from '../accounts/account.record';
import type { SegmentRules } from './segment-rules.type';
import type { Segment } from './segment.entity';
import { applySegmentRules } from './compile-segment-rules';
import { validateSegmentRules } from './validate-segment-rules';

/**
 * The members of `rules` as a query builder on `account`: the live accounts `principal` may read
 * (the accounts' read rule, soft delete) that match the rules, all in SQL. `paginate` pages it for
 * `Segment.members`, `getCount` counts it for `memberCount`, the CSV export walks it in batches.
 */
export function segmentMembersQuery(db: DataSource, rules: SegmentRules, principal: Principal): SelectQueryBuilder<Account> {
  const qb = readableBy(db.getRepository(Account).createQueryBuilder('account'), ACCOUNT_RECORD, principal);
  return applySegmentRules(qb, rules, principal);
}

/**
 * A saved segment's rules, validated again before they are evaluated: a stored rule set that no
 * longer passes (a field or operator changed since it was saved) fails with BAD_USER_INPUT naming
 * the segment and each bad path under `segment.rules`, instead of selecting something else.
 */
export function storedSegmentRules(segment: Segment): SegmentRules {
  try {
    return validateSegmentRules(segment.rules, 'segment.rules');
  } catch (error) {
    if (!(error instanceof BadUserInputError)) throw error;
    throw new BadUserInputError(
      `Segment "${segment.name}" (${segment.id}) has saved rules that are no longer valid; change them with updateSegment. ${error.message}`,
      error.problems,
    );
  }
}
