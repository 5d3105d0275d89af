import { type Principal } from '@crm/kernel';
import { accessCondition, containsPattern } from '@crm/kernel/subgraph';
import type { SelectQueryBuilder } from 'typeorm';
import { daysSinceSql, lastInteractionSql, AccountInteraction } from '../interactions/account-interaction.entity';
import type { Account } from '../accounts/account.entity';
import { SegmentField } from './segment-field.enum';
import { SegmentOperator as Op } from './segment-operator.enum';
import type { SegmentCondition, SegmentRules } from './segment-rules.type';

/** A rule set as SQL over the account under `alias`: conditions to AND into the query, their named parameters, and the join they need. */
export interface CompiledSegmentRules {
  /** At most two conditions: every `all` condition ANDed, and the `any` conditions ORed. */
  where: string[];
  /** Named TypeORM parameters (`:name`, `:...name`): values never enter the SQL text. */
  params: Record<string, unknown>;
  /** Alias of the left join on `account_interactions` the conditions use, if any. */
  interactionAlias: string | null;
}

const COMPARISON: Partial<Record<Op, string>> = { [Op.EQ]: '=', [Op.GT]: '>', [Op.GTE]: '>=', [Op.LT]: '<', [Op.LTE]: '<=' };

/** What the value parameters are bound as (numbers as JS numbers, amounts and times as text cast in SQL). */
type Cast = 'numeric' | 'timestamptz' | null;

/**
 * `expr <operator> values` with the values as parameters `key_0`, `key_1` (or `key` for a list):
 * NEQ and NOT_IN also match where `expr` is null (a not-set field is "not equal"); CONTAINS is a
 * case-insensitive LIKE with the wildcards in the value escaped.
 */
function comparison(expr: string, condition: SegmentCondition, key: string, params: Record<string, unknown>, bind: (value: string) => unknown, cast: Cast): string {
  const value = (index: number) => {
    params[`${key}_${index}`] = bind(condition.values[index]!);
    return cast ? `CAST(:${key}_${index} AS ${cast})` : `:${key}_${index}`;
  };
  const symbol = COMPARISON[condition.operator];
  if (symbol) return `${expr} ${symbol} ${value(0)}`;
  switch (condition.operator) {
    case Op.NEQ:
      return `${expr} IS DISTINCT FROM ${value(0)}`;
    case Op.IN:
      params[key] = condition.values.map(bind);
      return `${expr} IN (:...${key})`;
    case Op.NOT_IN:
      params[key] = condition.values.map(bind);
      return `(${expr} IS NULL OR ${expr} NOT IN (:...${key}))`;
    case Op.BETWEEN:
      return `${expr} BETWEEN ${value(0)} AND ${value(1)}`;
    case Op.CONTAINS:
      params[`${key}_0`] = containsPattern(condition.values[0]!);
      return `${expr} LIKE :${key}_0`;
    case Op.IS_SET:
      return `${expr} IS NOT NULL`;
    case Op.IS_NOT_SET:
      return `${expr} IS NULL`;
    default:
      throw new Error(`segment rules: operator ${condition.operator} reached SQL unvalidated`);
  }
}

const text = (value: string) => value;
const lowerText = (value: string) => value.toLowerCase();
const integer = (value: string) => Number(value);

/**
 * Compiles validated rules (`validateSegmentRules`) to SQL over the account under `alias`, for
 * `principal`: open pipeline counts only the deals `principal` may read (the deals' read rule over
 * the replicated owner and team), so a REP's segment covers only what they may read. Parameter
 * names start with `keyPrefix`, so that several rule sets can share one query.
 */
export function compileSegmentRules(rules: SegmentRules, alias: string, principal: Principal, keyPrefix = 'segment'): CompiledSegmentRules {
  const params: Record<string, unknown> = {};
  const interactionAlias = [...rules.all, ...rules.any].some((c) => c.field === SegmentField.LAST_INTERACTION_DAYS) ? `${alias}_interaction` : null;
  const a = alias;

  const sql = (condition: SegmentCondition, key: string): string => {
    const compare = (expr: string, bind: (value: string) => unknown = text, cast: Cast = null) => comparison(expr, condition, key, params, bind, cast);
    const presence = condition.operator === Op.IS_SET || condition.operator === Op.IS_NOT_SET;
    switch (condition.field) {
      case SegmentField.MARKET:
        return compare(`${a}.market`);
      case SegmentField.TIER:
        return compare(`${a}.tier`);
      case SegmentField.LIFECYCLE:
        return compare(`${a}.lifecycle`);
      case SegmentField.INDUSTRY:
        return compare(`lower(${a}.industry)`, lowerText);
      case SegmentField.COUNTRY:
        return compare(`${a}.country`);
      case SegmentField.EMPLOYEE_COUNT:
        return compare(`${a}.employeeCount`, integer);
      case SegmentField.CREATED_AT:
        return compare(`${a}.createdAt`, text, 'timestamptz');
      case SegmentField.ANNUAL_REVENUE: {
        if (presence) return compare(`${a}.annualRevenueAmount`);
        params[`${key}_currency`] = condition.currency;
        return `(${a}.annualRevenueCurrency = :${key}_currency AND ${compare(`${a}.annualRevenueAmount`, text, 'numeric')})`;
      }
      case SegmentField.LAST_INTERACTION_DAYS: {
        const last = lastInteractionSql(interactionAlias!);
        if (presence) return compare(last);
        // Never contacted is "not set", not "0 days": it matches only IS_NOT_SET.
        return `(${last} IS NOT NULL AND ${compare(daysSinceSql(last), integer)})`;
      }
      case SegmentField.OPEN_PIPELINE: {
        const read = accessCondition(principal, 'dealWork', 'read', { owner: 'pipeline.owner_id', team: 'pipeline.team_id' });
        Object.assign(params, read.params);
        const readable = `FROM accounts.account_open_pipeline pipeline WHERE pipeline.account_id = ${a}.id AND ${read.sql}`;
        if (presence) return `${condition.operator === Op.IS_NOT_SET ? 'NOT ' : ''}EXISTS (SELECT 1 ${readable})`;
        params[`${key}_currency`] = condition.currency;
        // Without open deals in the currency the account's open pipeline in it is 0.
        return compare(`(SELECT coalesce(sum(pipeline.amount), 0) ${readable} AND pipeline.currency = :${key}_currency)`, text, 'numeric');
      }
      case SegmentField.CONTACT_EMAIL:
      case SegmentField.CONTACT_PHONE: {
        const column = condition.field === SegmentField.CONTACT_EMAIL ? 'email' : 'phone';
        const exists = `EXISTS (SELECT 1 FROM accounts.contacts contact WHERE contact.account_id = ${a}.id AND contact.deleted_at IS NULL AND contact.${column} IS NOT NULL AND contact.${column} <> '')`;
        return condition.operator === Op.IS_NOT_SET ? `NOT ${exists}` : exists;
      }
    }
  };

  const where: string[] = [];
  const all = rules.all.map((condition, index) => sql(condition, `${keyPrefix}_all_${index}`));
  const any = rules.any.map((condition, index) => sql(condition, `${keyPrefix}_any_${index}`));
  if (all.length > 0) where.push(all.map((s) => `(${s})`).join(' AND '));
  if (any.length > 0) where.push(`(${any.map((s) => `(${s})`).join(' OR ')})`);
  return { where, params, interactionAlias };
}

/** Joins the replicated interactions under `interactionAlias`, which compiled rules name when they need it. */
export function joinInteractions<Q extends SelectQueryBuilder<Account>>(qb: Q, interactionAlias: string): Q {
  return qb.leftJoin(AccountInteraction, interactionAlias, `${interactionAlias}.accountId = ${qb.alias}.id`);
}

/** Narrows `qb` (accounts under its main alias) to the members of `rules`, in SQL, for `principal`. */
export function applySegmentRules<Q extends SelectQueryBuilder<Account>>(qb: Q, rules: SegmentRules, principal: Principal): Q {
  const compiled = compileSegmentRules(rules, qb.alias, principal);
  if (compiled.interactionAlias) joinInteractions(qb, compiled.interactionAlias);
  for (const condition of compiled.where) qb.andWhere(condition, compiled.params);
  return qb;
}
