import { graphqlEnum, type EnumValue } from '@crm/kernel/subgraph';

/** How a segment condition compares its field with its values. */
export const SegmentOperator = graphqlEnum(
  'SegmentOperator',
  'How a segment condition compares its field with its values; which operators a field takes is listed with each SegmentField',
  {
    EQ: 'Equal to the one value',
    NEQ: 'Not equal to the one value; also matches accounts where the field is not set',
    IN: 'Equal to one of the values (1–100)',
    NOT_IN: 'Equal to none of the values (1–100); also matches accounts where the field is not set',
    GT: 'Greater than the one value',
    GTE: 'Greater than or equal to the one value',
    LT: 'Less than the one value',
    LTE: 'Less than or equal to the one value',
    BETWEEN: 'Between the two values [low, high], both included',
    IS_SET: 'The field has a value; takes no values',
    IS_NOT_SET: 'The field has no value; takes no values',
    CONTAINS: 'Contains the one value as text, case-insensitively',
  },
);
export type SegmentOperator = EnumValue<typeof SegmentOperator>;
