import { type Principal } from '@crm/kernel';
import { readableBy } from '@crm/kernel/subgraph';
import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { ACCOUNT_RECORD } from '../accounts/account.record';
import type { Segment } from './segment.entity';
import { compileSegmentRules, joinInteractions, type CompiledSegmentRules } from './compile-segment-rules';
import { storedSegmentRules } from './validate-segment-rules';

/**
 * `Segment.memberCount` of every segment of a request in one scan of the accounts `principal` may
 * read: one `count(*) FILTER (WHERE <rules>)` per segment, each rule set with parameter names of its
 * own. Counts exactly what `segmentMembersQuery(…).getCount()` (segment.queries.ts) counts for each. A segment whose saved
 * rules no longer validate gets its own BAD_USER_INPUT; the others are still counted.
 */
export function segmentMemberCountLoader(db: DataSource, principal: Principal): DataLoader<Segment, number, string> {
  return new DataLoader<Segment, number, string>(
    async (segments) => {
      const compiled = segments.map((segment, index): CompiledSegmentRules | Error => {
        try {
          return compileSegmentRules(storedSegmentRules(segment), 'account', principal, `segment${index}`);
        } catch (error) {
          return error as Error;
        }
      });
      const valid = compiled.flatMap((rules, index) => (rules instanceof Error ? [] : [{ rules, index }]));
      if (valid.length === 0) return compiled as Error[];
      const qb = readableBy(db.getRepository(Account).createQueryBuilder('account'), ACCOUNT_RECORD, principal).select([]);
      const interactionAlias = valid.find(({ rules }) => rules.interactionAlias)?.rules.interactionAlias;
      if (interactionAlias) joinInteractions(qb, interactionAlias);
      for (const { rules, index } of valid) {
        qb.addSelect(`count(*) FILTER (WHERE ${rules.where.map((condition) => `(${condition})`).join(' AND ') || 'true'})`, `count_${index}`);
        qb.setParameters(rules.params);
      }
      const row = (await qb.getRawOne<Record<string, string>>())!;
      return compiled.map((rules, index) => (rules instanceof Error ? rules : Number(row[`count_${index}`])));
    },
    { cacheKeyFn: (segment) => segment.id },
  );
}
