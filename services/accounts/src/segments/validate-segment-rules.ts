import { BadUserInputError, type FieldProblem } from '@crm/kernel';
import { isISO31661Alpha2, isISO4217CurrencyCode } from 'class-validator';
import { SegmentField } from './segment-field.enum';
import { SegmentOperator } from './segment-operator.enum';
import type { SegmentCondition, SegmentRules } from './segment-rules.type';
import type { Segment } from './segment.entity';
import { MAX_SEGMENT_CONDITIONS, SEGMENT_FIELDS, VALUE_COUNTS, type ValueKind } from './segment-fields';

/** A condition as a client sent it or as it was stored: anything may be wrong with it. */
export interface UncheckedCondition {
  field?: unknown;
  operator?: unknown;
  values?: unknown;
  currency?: unknown;
}

/** A rule set as a client sent it or as it was stored. */
export interface UncheckedRules {
  all?: readonly UncheckedCondition[] | null;
  any?: readonly UncheckedCondition[] | null;
}

const MONEY = /^\d{1,16}(\.\d{1,2})?$/;
const INTEGER = /^\d{1,9}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const MAX_TEXT = 200;

/** `YYYY-MM-DD` names a day that exists (JavaScript would read 2025-02-30 as 2 March). */
function realDay(day: string): boolean {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const parsed = new Date(Date.UTC(year, month - 1, date));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === date;
}

const isOneOf = <T extends string>(names: readonly T[], value: unknown): value is T => typeof value === 'string' && (names as readonly string[]).includes(value);
const quoted = (value: unknown) => JSON.stringify(value)?.slice(0, 60) ?? String(value);

/** One value in normal form, or what is wrong with it. */
function normalise(kind: ValueKind, raw: unknown): { value: string } | { problem: string } {
  if (typeof raw !== 'string') return { problem: `expected a string, got ${quoted(raw)}` };
  const text = raw.trim();
  switch (kind.kind) {
    case 'enum': {
      const name = text.toUpperCase();
      return kind.names.includes(name) ? { value: name } : { problem: `expected one of ${kind.names.join(', ')}, got ${quoted(raw)}` };
    }
    case 'text':
      return text.length >= 1 && text.length <= MAX_TEXT ? { value: text } : { problem: `expected 1–${MAX_TEXT} characters, got ${text.length}` };
    case 'country': {
      const code = text.toUpperCase();
      return isISO31661Alpha2(code) ? { value: code } : { problem: `expected an ISO 3166-1 alpha-2 country code, e.g. "DE", got ${quoted(raw)}` };
    }
    case 'integer':
      return INTEGER.test(text) ? { value: String(Number(text)) } : { problem: `expected a whole number from 0 to 999999999, got ${quoted(raw)}` };
    case 'money':
      return MONEY.test(text) ? { value: text } : { problem: `expected a non-negative decimal amount with at most 2 fraction digits, e.g. "25000.00", got ${quoted(raw)}` };
    case 'timestamp': {
      const valid = (DATE.test(text) || DATE_TIME.test(text)) && realDay(text.slice(0, 10)) && !Number.isNaN(Date.parse(text));
      return valid ? { value: new Date(text).toISOString() } : { problem: `expected an ISO 8601 date or date-time, e.g. "2025-01-31" or "2025-01-31T12:00:00Z", got ${quoted(raw)}` };
    }
    case 'none':
      return { problem: 'takes no values' };
  }
}

/** `a` ≤ `b` for two normalised values of `kind`. */
function ordered(kind: ValueKind, a: string, b: string): boolean {
  switch (kind.kind) {
    case 'integer':
      return Number(a) <= Number(b);
    case 'money': {
      const cents = (v: string) => {
        const [whole, fraction = ''] = v.split('.');
        return BigInt(whole!) * BigInt(100) + BigInt(fraction.padEnd(2, '0'));
      };
      return cents(a) <= cents(b);
    }
    case 'timestamp':
      return Date.parse(a) <= Date.parse(b);
    default:
      return true;
  }
}

/** Checks one condition at `path` (e.g. `rules.all.2`); pushes what is wrong, returns it normalised when nothing is. */
function checkCondition(condition: UncheckedCondition, path: string, problems: FieldProblem[]): SegmentCondition | null {
  const fields = Object.values(SegmentField);
  if (!isOneOf(fields, condition.field)) {
    problems.push({ field: `${path}.field`, message: `expected one of ${fields.join(', ')}, got ${quoted(condition.field)}` });
    return null;
  }
  const field = condition.field;
  const spec = SEGMENT_FIELDS[field];
  if (!isOneOf(spec.operators, condition.operator)) {
    const got = isOneOf(Object.values(SegmentOperator), condition.operator) ? `${field} does not take ${condition.operator}` : `unknown operator ${quoted(condition.operator)}`;
    problems.push({ field: `${path}.operator`, message: `${got}; allowed: ${spec.operators.join(', ')}` });
    return null;
  }
  const operator = condition.operator;
  const before = problems.length;

  const rawValues = condition.values ?? [];
  const [least, most] = VALUE_COUNTS[operator];
  const values: string[] = [];
  if (!Array.isArray(rawValues)) {
    problems.push({ field: `${path}.values`, message: `expected a list of strings, got ${quoted(rawValues)}` });
  } else if (rawValues.length < least || rawValues.length > most) {
    const wanted = least === most ? (least === 0 ? 'no values' : `exactly ${least} value${least === 1 ? '' : 's'}`) : `${least}–${most} values`;
    problems.push({ field: `${path}.values`, message: `${field} ${operator} takes ${wanted}${operator === SegmentOperator.BETWEEN ? ' (low, high)' : ''}, got ${rawValues.length}` });
  } else {
    rawValues.forEach((raw, index) => {
      const checked = normalise(spec.value, raw);
      if ('problem' in checked) problems.push({ field: `${path}.values.${index}`, message: `${field}: ${checked.problem}` });
      else values.push(checked.value);
    });
    if (operator === SegmentOperator.BETWEEN && values.length === 2 && !ordered(spec.value, values[0]!, values[1]!)) {
      problems.push({ field: `${path}.values`, message: `BETWEEN expects low ≤ high, got ${values[0]} and ${values[1]}` });
    }
  }

  // Money is compared in one currency, never mixed: a comparison names it; presence tests take none.
  const comparesMoney = spec.value.kind === 'money' && least > 0;
  const currency = typeof condition.currency === 'string' ? condition.currency.trim().toUpperCase() : condition.currency;
  if (comparesMoney) {
    if (currency === null || currency === undefined || currency === '') {
      problems.push({ field: `${path}.currency`, message: `${field} ${operator} needs a currency (ISO 4217, e.g. "EUR"): amounts are compared in one currency, never mixed` });
    } else if (typeof currency !== 'string' || !isISO4217CurrencyCode(currency)) {
      problems.push({ field: `${path}.currency`, message: `expected an ISO 4217 currency code, e.g. "EUR", got ${quoted(condition.currency)}` });
    }
  } else if (currency !== null && currency !== undefined && currency !== '') {
    problems.push({ field: `${path}.currency`, message: `${field} ${operator} takes no currency` });
  }
  if (problems.length > before) return null;
  return { field, operator, values, currency: comparesMoney ? (currency as string) : null };
}

/**
 * Checks a rule set and returns it in normal form (values trimmed, codes upper-case, times in UTC),
 * or throws BAD_USER_INPUT listing every problem, each under its path below `path` — e.g.
 * `rules.all.2.operator: ANNUAL_REVENUE does not take CONTAINS; allowed: EQ, GT, …`. Used for input
 * and again for stored rules before they are evaluated, so a stored rule set that no longer passes
 * (a field or operator since changed) fails clearly instead of selecting something else.
 */
export function validateSegmentRules(rules: UncheckedRules | null | undefined, path: string): SegmentRules {
  const problems: FieldProblem[] = [];
  const groups = { all: rules?.all ?? [], any: rules?.any ?? [] };
  for (const group of ['all', 'any'] as const) {
    if (!Array.isArray(groups[group])) throw BadUserInputError.field(`${path}.${group}`, `expected a list of conditions, got ${quoted(groups[group])}`);
  }
  const count = groups.all.length + groups.any.length;
  if (count === 0) throw BadUserInputError.field(path, 'expected at least one condition in `all` or `any`');
  if (count > MAX_SEGMENT_CONDITIONS) throw BadUserInputError.field(path, `expected at most ${MAX_SEGMENT_CONDITIONS} conditions in \`all\` and \`any\` together, got ${count}`);
  const checked = {
    all: groups.all.map((condition, index) => checkCondition(condition ?? {}, `${path}.all.${index}`, problems)),
    any: groups.any.map((condition, index) => checkCondition(condition ?? {}, `${path}.any.${index}`, problems)),
  };
  if (problems.length > 0) {
    throw new BadUserInputError(`Invalid segment rules: ${problems.map((p) => `${p.field}: ${p.message}`).join('; ')}`, problems);
  }
  return { all: checked.all as SegmentCondition[], any: checked.any as SegmentCondition[] };
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
