import { Field, ObjectType } from 'type-graphql';
import { SegmentField } from './segment-field.enum';
import { SegmentOperator } from './segment-operator.enum';

/** One condition as stored in `segments.rules` (validated, normalised) and shown in the API. */
@ObjectType({ description: 'One condition of a segment: a field, an operator and its values' })
export class SegmentCondition {
  @Field(() => SegmentField, { description: 'What the condition tests' })
  field!: SegmentField;

  @Field(() => SegmentOperator, { description: 'How the field is compared with the values' })
  operator!: SegmentOperator;

  @Field(() => [String], { description: 'The values, as text, normalised (country and currency codes upper-case); empty for IS_SET and IS_NOT_SET' })
  values!: string[];

  @Field(() => String, { nullable: true, description: 'ISO 4217 currency of money values (ANNUAL_REVENUE, OPEN_PIPELINE); null otherwise' })
  currency!: string | null;
}

/** A segment's rule set as stored in `segments.rules`: every `all` condition and, when there are any, at least one `any` condition. */
@ObjectType({ description: 'Which accounts a segment selects: those matching every `all` condition and at least one `any` condition (when there are any)' })
export class SegmentRules {
  @Field(() => [SegmentCondition], { description: 'Conditions that must all hold' })
  all!: SegmentCondition[];

  @Field(() => [SegmentCondition], { description: 'Conditions of which at least one must hold; empty means no such requirement' })
  any!: SegmentCondition[];
}
