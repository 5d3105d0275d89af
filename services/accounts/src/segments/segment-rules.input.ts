import { Field, InputType } from 'type-graphql';
import { SegmentField } from './segment-field.enum';
import { SegmentOperator } from './segment-operator.enum';

/**
 * One condition of a rule set. Which operators a field takes, and what its values must look like,
 * is checked by `validateSegmentRules` (segments/segment-rules.ts), which names the offending path,
 * e.g. `rules.all.2.operator`, with what is allowed.
 */
@InputType({ description: 'One condition: a field, an operator and its values. Each field takes only some operators (see SegmentField)' })
export class SegmentConditionInput {
  @Field(() => SegmentField, { description: 'What to test' })
  field!: SegmentField;

  @Field(() => SegmentOperator, { description: 'How to compare' })
  operator!: SegmentOperator;

  @Field(() => [String], {
    nullable: true,
    description:
      'The values as text: one for EQ, NEQ, GT, GTE, LT, LTE and CONTAINS; 1–100 for IN and NOT_IN; two (low, high) for BETWEEN; none for IS_SET and IS_NOT_SET. ' +
      'Enum names for MARKET, TIER and LIFECYCLE; ISO 3166-1 alpha-2 codes for COUNTRY; whole numbers for EMPLOYEE_COUNT and LAST_INTERACTION_DAYS; ' +
      'decimal amounts (e.g. "25000.00") for ANNUAL_REVENUE and OPEN_PIPELINE; ISO 8601 dates or date-times for CREATED_AT',
  })
  values?: string[] | null;

  @Field(() => String, {
    nullable: true,
    description: 'ISO 4217 currency of the amounts, required by ANNUAL_REVENUE and OPEN_PIPELINE comparisons (amounts are compared in one currency, never mixed)',
  })
  currency?: string | null;
}

@InputType({ description: 'A segment rule set: accounts matching every `all` condition and at least one `any` condition (when any are given); 1–50 conditions in all' })
export class SegmentRulesInput {
  @Field(() => [SegmentConditionInput], { nullable: true, description: 'Conditions that must all hold' })
  all?: SegmentConditionInput[] | null;

  @Field(() => [SegmentConditionInput], { nullable: true, description: 'Conditions of which at least one must hold' })
  any?: SegmentConditionInput[] | null;
}
