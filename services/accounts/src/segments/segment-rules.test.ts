import 'reflect-metadata';
import { BadUserInputError, UserRole, type Principal } from '@crm/kernel';
import { SegmentField as F } from './segment-field.enum';
import { SegmentOperator as Op } from './segment-operator.enum';
import { compileSegmentRules } from './compile-segment-rules';
import { MAX_SEGMENT_CONDITIONS, SEGMENT_FIELDS } from './segment-fields';
import { validateSegmentRules, type UncheckedRules } from './validate-segment-rules';

const ADMIN: Principal = { userId: '00000000-0000-4000-8000-000000000001', email: 'admin@crm.example', role: UserRole.ADMIN, teamId: null };
const REP: Principal = { userId: '00000000-0000-4000-8000-000000000002', email: 'rep@crm.example', role: UserRole.REP, teamId: '00000000-0000-4000-8000-0000000000aa' };

/** The problems `rules` is refused with, as `field: message` pairs. */
function problems(rules: UncheckedRules | null, path = 'rules'): { field: string; message: string }[] {
  try {
    validateSegmentRules(rules, path);
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputError);
    const refused = error as BadUserInputError;
    expect(refused.extensions.code).toBe('BAD_USER_INPUT');
    return refused.problems;
  }
  throw new Error('expected the rules to be refused');
}

describe('segment rule validation', () => {
  it('normalises valid rules: codes upper-case, text trimmed, times in UTC, numbers canonical', () => {
    const rules = validateSegmentRules(
      {
        all: [
          { field: F.MARKET, operator: Op.EQ, values: ['consumer'] },
          { field: F.COUNTRY, operator: Op.IN, values: ['de', ' AT '] },
          { field: F.ANNUAL_REVENUE, operator: Op.BETWEEN, values: ['1000', '2000.5'], currency: 'eur' },
          { field: F.CREATED_AT, operator: Op.GTE, values: ['2025-01-31'] },
          { field: F.EMPLOYEE_COUNT, operator: Op.LT, values: ['007'] },
        ],
        any: [{ field: F.CONTACT_EMAIL, operator: Op.IS_SET, values: null }],
      },
      'rules',
    );
    expect(rules.all).toEqual([
      { field: F.MARKET, operator: Op.EQ, values: ['CONSUMER'], currency: null },
      { field: F.COUNTRY, operator: Op.IN, values: ['DE', 'AT'], currency: null },
      { field: F.ANNUAL_REVENUE, operator: Op.BETWEEN, values: ['1000', '2000.5'], currency: 'EUR' },
      { field: F.CREATED_AT, operator: Op.GTE, values: ['2025-01-31T00:00:00.000Z'], currency: null },
      { field: F.EMPLOYEE_COUNT, operator: Op.LT, values: ['7'], currency: null },
    ]);
    expect(rules.any).toEqual([{ field: F.CONTACT_EMAIL, operator: Op.IS_SET, values: [], currency: null }]);
  });

  it('refuses an operator the field does not take, naming the path and the allowed operators', () => {
    const found = problems({ all: [{ field: F.MARKET, operator: Op.EQ, values: ['CONSUMER'] }, { field: F.TIER, operator: Op.IN, values: ['KEY'] }, { field: F.ANNUAL_REVENUE, operator: Op.CONTAINS, values: ['1'] }] });
    expect(found).toEqual([{ field: 'rules.all.2.operator', message: 'ANNUAL_REVENUE does not take CONTAINS; allowed: EQ, GT, GTE, LT, LTE, BETWEEN, IS_SET, IS_NOT_SET' }]);
    expect(problems({ any: [{ field: F.CONTACT_EMAIL, operator: Op.EQ, values: ['x@y.z'] }] }, 'input.rules')).toEqual([
      { field: 'input.rules.any.0.operator', message: 'CONTACT_EMAIL does not take EQ; allowed: IS_SET, IS_NOT_SET' },
    ]);
  });

  it('refuses unknown fields and operators (as a stored rule set may hold)', () => {
    expect(problems({ all: [{ field: 'SHOE_SIZE', operator: Op.EQ, values: ['42'] }] })[0]).toEqual({
      field: 'rules.all.0.field',
      message: expect.stringMatching(/^expected one of MARKET, INDUSTRY, .*, got "SHOE_SIZE"$/),
    });
    expect(problems({ all: [{ field: F.TIER, operator: 'LIKE', values: ['K%'] }] })).toEqual([
      { field: 'rules.all.0.operator', message: 'unknown operator "LIKE"; allowed: EQ, NEQ, IN, NOT_IN' },
    ]);
  });

  it('checks the number of values each operator takes', () => {
    expect(problems({ all: [{ field: F.TIER, operator: Op.EQ, values: ['KEY', 'STANDARD'] }] })).toEqual([
      { field: 'rules.all.0.values', message: 'TIER EQ takes exactly 1 value, got 2' },
    ]);
    expect(problems({ all: [{ field: F.EMPLOYEE_COUNT, operator: Op.BETWEEN, values: ['10'] }] })).toEqual([
      { field: 'rules.all.0.values', message: 'EMPLOYEE_COUNT BETWEEN takes exactly 2 values (low, high), got 1' },
    ]);
    expect(problems({ all: [{ field: F.INDUSTRY, operator: Op.IS_SET, values: ['Retail'] }] })).toEqual([
      { field: 'rules.all.0.values', message: 'INDUSTRY IS_SET takes no values, got 1' },
    ]);
    expect(problems({ all: [{ field: F.COUNTRY, operator: Op.IN, values: [] }] })).toEqual([{ field: 'rules.all.0.values', message: 'COUNTRY IN takes 1–100 values, got 0' }]);
    expect(problems({ all: [{ field: F.COUNTRY, operator: Op.IN, values: Array.from({ length: 101 }, () => 'DE') }] })[0]!.message).toBe('COUNTRY IN takes 1–100 values, got 101');
  });

  it("checks every value against its field's type, naming its index", () => {
    expect(problems({ all: [{ field: F.MARKET, operator: Op.IN, values: ['CONSUMER', 'B2C'] }] })).toEqual([
      { field: 'rules.all.0.values.1', message: 'MARKET: expected one of BUSINESS, CONSUMER, got "B2C"' },
    ]);
    expect(problems({ all: [{ field: F.COUNTRY, operator: Op.EQ, values: ['Germany'] }] })[0]!.field).toBe('rules.all.0.values.0');
    expect(problems({ all: [{ field: F.EMPLOYEE_COUNT, operator: Op.GT, values: ['-1'] }] })[0]!.message).toMatch(/whole number/);
    expect(problems({ all: [{ field: F.LAST_INTERACTION_DAYS, operator: Op.GT, values: ['1.5'] }] })[0]!.message).toMatch(/whole number/);
    expect(problems({ all: [{ field: F.CREATED_AT, operator: Op.LT, values: ['yesterday'] }] })[0]!.message).toMatch(/ISO 8601/);
    expect(problems({ all: [{ field: F.CREATED_AT, operator: Op.LT, values: ['2025-02-30'] }] })[0]!.message).toMatch(/ISO 8601/);
    expect(problems({ all: [{ field: F.INDUSTRY, operator: Op.EQ, values: ['   '] }] })[0]!.message).toMatch(/1–200 characters/);
    expect(problems({ all: [{ field: F.OPEN_PIPELINE, operator: Op.GT, values: ['1e6'], currency: 'EUR' }] })[0]!.message).toMatch(/decimal amount/);
    expect(problems({ all: [{ field: F.EMPLOYEE_COUNT, operator: Op.BETWEEN, values: ['50', '10'] }] })).toEqual([
      { field: 'rules.all.0.values', message: 'BETWEEN expects low ≤ high, got 50 and 10' },
    ]);
    expect(problems({ all: [{ field: F.ANNUAL_REVENUE, operator: Op.BETWEEN, values: ['100.5', '100.49'], currency: 'EUR' }] })[0]!.message).toMatch(/low ≤ high/);
  });

  it('requires a currency for money comparisons and refuses one elsewhere: amounts are never compared across currencies', () => {
    expect(problems({ all: [{ field: F.OPEN_PIPELINE, operator: Op.GT, values: ['10000'] }] })).toEqual([
      { field: 'rules.all.0.currency', message: 'OPEN_PIPELINE GT needs a currency (ISO 4217, e.g. "EUR"): amounts are compared in one currency, never mixed' },
    ]);
    expect(problems({ all: [{ field: F.ANNUAL_REVENUE, operator: Op.GT, values: ['10000'], currency: 'EURO' }] })[0]!.field).toBe('rules.all.0.currency');
    expect(problems({ all: [{ field: F.MARKET, operator: Op.EQ, values: ['CONSUMER'], currency: 'EUR' }] })).toEqual([
      { field: 'rules.all.0.currency', message: 'MARKET EQ takes no currency' },
    ]);
    expect(problems({ all: [{ field: F.OPEN_PIPELINE, operator: Op.IS_SET, currency: 'EUR' }] })[0]!.field).toBe('rules.all.0.currency');
  });

  it('reports every problem at once, and refuses empty or oversized rule sets', () => {
    const found = problems({
      all: [{ field: F.TIER, operator: Op.GT, values: ['KEY'] }],
      any: [{ field: F.MARKET, operator: Op.EQ, values: ['B2C'] }, { field: F.OPEN_PIPELINE, operator: Op.LT, values: ['5'] }],
    });
    expect(found.map((p) => p.field)).toEqual(['rules.all.0.operator', 'rules.any.0.values.0', 'rules.any.1.currency']);
    expect(problems({ all: [], any: null })).toEqual([{ field: 'rules', message: 'expected at least one condition in `all` or `any`' }]);
    const many = Array.from({ length: MAX_SEGMENT_CONDITIONS + 1 }, () => ({ field: F.MARKET, operator: Op.EQ, values: ['CONSUMER'] }));
    expect(problems({ all: many })).toEqual([{ field: 'rules', message: `expected at most ${MAX_SEGMENT_CONDITIONS} conditions in \`all\` and \`any\` together, got 51` }]);
    expect(validateSegmentRules({ all: many.slice(0, 50) }, 'rules').all).toHaveLength(50);
  });

  it('has an operator list and value type for every field', () => {
    for (const field of Object.values(F)) expect(SEGMENT_FIELDS[field].operators.length).toBeGreaterThan(0);
  });
});

describe('segment rule compilation', () => {
  const compile = (rules: UncheckedRules, principal = ADMIN) => compileSegmentRules(validateSegmentRules(rules, 'rules'), 'account', principal);

  it('ANDs the `all` conditions and ORs the `any` ones, with every value a named parameter, never in the SQL text', () => {
    const compiled = compile({
      all: [
        { field: F.MARKET, operator: Op.EQ, values: ['CONSUMER'] },
        { field: F.INDUSTRY, operator: Op.CONTAINS, values: ["50%_off' OR 1=1 --"] },
      ],
      any: [
        { field: F.COUNTRY, operator: Op.NOT_IN, values: ['DE', 'AT'] },
        { field: F.EMPLOYEE_COUNT, operator: Op.BETWEEN, values: ['10', '50'] },
      ],
    });
    expect(compiled.where).toEqual([
      '(account.market = :segment_all_0_0) AND (lower(account.industry) LIKE :segment_all_1_0)',
      '(((account.country IS NULL OR account.country NOT IN (:...segment_any_0))) OR (account.employeeCount BETWEEN :segment_any_1_0 AND :segment_any_1_1))',
    ]);
    expect(compiled.params).toEqual({
      segment_all_0_0: 'CONSUMER',
      segment_all_1_0: "%50\\%\\_off' or 1=1 --%",
      segment_any_0: ['DE', 'AT'],
      segment_any_1_0: 10,
      segment_any_1_1: 50,
    });
    expect(compiled.interactionAlias).toBeNull();
  });

  it('compares money in the named currency only, casting amounts and times in SQL', () => {
    const compiled = compile({
      all: [
        { field: F.ANNUAL_REVENUE, operator: Op.GTE, values: ['1000000'], currency: 'USD' },
        { field: F.CREATED_AT, operator: Op.LT, values: ['2025-06-01T12:00:00+02:00'] },
      ],
    });
    expect(compiled.where[0]).toBe(
      '((account.annualRevenueCurrency = :segment_all_0_currency AND account.annualRevenueAmount >= CAST(:segment_all_0_0 AS numeric))) AND (account.createdAt < CAST(:segment_all_1_0 AS timestamptz))',
    );
    expect(compiled.params).toMatchObject({ segment_all_0_currency: 'USD', segment_all_0_0: '1000000', segment_all_1_0: '2025-06-01T10:00:00.000Z' });
  });

  it('counts open pipeline only over the deals the caller may read, and last interactions through the replicated table', () => {
    const rules = { all: [{ field: F.OPEN_PIPELINE, operator: Op.GT, values: ['0'], currency: 'EUR' }, { field: F.LAST_INTERACTION_DAYS, operator: Op.LTE, values: ['30'] }] };
    const admin = compile(rules);
    expect(admin.where[0]).toContain('pipeline.account_id = account.id AND TRUE AND pipeline.currency = :segment_all_0_currency');
    expect(admin.where[0]).toContain('ELSE account_interaction.lastInteractionAt END) IS NOT NULL AND greatest(0, floor(');
    expect(admin.interactionAlias).toBe('account_interaction');
    const rep = compile(rules, REP);
    expect(rep.where[0]).toContain('(pipeline.owner_id = :accessUserId OR pipeline.team_id = :accessTeamId)');
    expect(rep.params).toMatchObject({ accessUserId: REP.userId, accessTeamId: REP.teamId });
  });
});
