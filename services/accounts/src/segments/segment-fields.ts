import { Lifecycle } from '../accounts/lifecycle.enum';
import { Market } from '../accounts/market.enum';
import { SegmentField } from './segment-field.enum';
import { SegmentOperator as Op } from './segment-operator.enum';
import { Tier } from '../accounts/tier.enum';

/**
 * What a field's values look like: one of an enum's names, free text, a country code, a whole
 * number, a decimal amount in a currency, an ISO 8601 time, or none at all (existence only).
 */
export type ValueKind =
  | { kind: 'enum'; names: readonly string[] }
  | { kind: 'text' }
  | { kind: 'country' }
  | { kind: 'integer' }
  | { kind: 'money' }
  | { kind: 'timestamp' }
  | { kind: 'none' };

export interface FieldSpec {
  /** The operators the field takes, in the order error messages list them. */
  operators: readonly Op[];
  value: ValueKind;
}

const EQUALITY = [Op.EQ, Op.NEQ, Op.IN, Op.NOT_IN] as const;
const ORDERED = [Op.EQ, Op.GT, Op.GTE, Op.LT, Op.LTE, Op.BETWEEN] as const;
const PRESENCE = [Op.IS_SET, Op.IS_NOT_SET] as const;

/** The one table of which field takes which operators and values; validation and the docs follow it. */
export const SEGMENT_FIELDS: Readonly<Record<SegmentField, FieldSpec>> = {
  [SegmentField.MARKET]: { operators: EQUALITY, value: { kind: 'enum', names: Object.values(Market) } },
  [SegmentField.TIER]: { operators: EQUALITY, value: { kind: 'enum', names: Object.values(Tier) } },
  [SegmentField.LIFECYCLE]: { operators: EQUALITY, value: { kind: 'enum', names: Object.values(Lifecycle) } },
  [SegmentField.INDUSTRY]: { operators: [...EQUALITY, Op.CONTAINS, ...PRESENCE], value: { kind: 'text' } },
  [SegmentField.COUNTRY]: { operators: [...EQUALITY, ...PRESENCE], value: { kind: 'country' } },
  [SegmentField.ANNUAL_REVENUE]: { operators: [...ORDERED, ...PRESENCE], value: { kind: 'money' } },
  [SegmentField.EMPLOYEE_COUNT]: { operators: [Op.EQ, Op.NEQ, Op.GT, Op.GTE, Op.LT, Op.LTE, Op.BETWEEN, ...PRESENCE], value: { kind: 'integer' } },
  [SegmentField.LAST_INTERACTION_DAYS]: { operators: [...ORDERED, ...PRESENCE], value: { kind: 'integer' } },
  [SegmentField.OPEN_PIPELINE]: { operators: [...ORDERED, ...PRESENCE], value: { kind: 'money' } },
  [SegmentField.CREATED_AT]: { operators: [Op.GT, Op.GTE, Op.LT, Op.LTE, Op.BETWEEN], value: { kind: 'timestamp' } },
  [SegmentField.CONTACT_EMAIL]: { operators: PRESENCE, value: { kind: 'none' } },
  [SegmentField.CONTACT_PHONE]: { operators: PRESENCE, value: { kind: 'none' } },
};

/** How many values each operator takes: [at least, at most]. */
export const VALUE_COUNTS: Readonly<Record<Op, readonly [number, number]>> = {
  [Op.EQ]: [1, 1],
  [Op.NEQ]: [1, 1],
  [Op.GT]: [1, 1],
  [Op.GTE]: [1, 1],
  [Op.LT]: [1, 1],
  [Op.LTE]: [1, 1],
  [Op.CONTAINS]: [1, 1],
  [Op.IN]: [1, 100],
  [Op.NOT_IN]: [1, 100],
  [Op.BETWEEN]: [2, 2],
  [Op.IS_SET]: [0, 0],
  [Op.IS_NOT_SET]: [0, 0],
};

/** Most conditions one rule set may have, `all` and `any` together. */
export const MAX_SEGMENT_CONDITIONS = 50;
