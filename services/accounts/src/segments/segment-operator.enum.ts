import { registerEnumType } from 'type-graphql';

/** How a segment condition compares its field with its values. */
export enum SegmentOperator {
  EQ = 'EQ',
  NEQ = 'NEQ',
  IN = 'IN',
  NOT_IN = 'NOT_IN',
  GT = 'GT',
  GTE = 'GTE',
  LT = 'LT',
  LTE = 'LTE',
  BETWEEN = 'BETWEEN',
  IS_SET = 'IS_SET',
  IS_NOT_SET = 'IS_NOT_SET',
  CONTAINS = 'CONTAINS',
}

registerEnumType(SegmentOperator, {
  name: 'SegmentOperator',
  description: 'How a segment condition compares its field with its values; which operators a field takes is listed with each SegmentField',
  valuesConfig: {
    EQ: { description: 'Equal to the one value' },
    NEQ: { description: 'Not equal to the one value; also matches accounts where the field is not set' },
    IN: { description: 'Equal to one of the values (1–100)' },
    NOT_IN: { description: 'Equal to none of the values (1–100); also matches accounts where the field is not set' },
    GT: { description: 'Greater than the one value' },
    GTE: { description: 'Greater than or equal to the one value' },
    LT: { description: 'Less than the one value' },
    LTE: { description: 'Less than or equal to the one value' },
    BETWEEN: { description: 'Between the two values [low, high], both included' },
    IS_SET: { description: 'The field has a value; takes no values' },
    IS_NOT_SET: { description: 'The field has no value; takes no values' },
    CONTAINS: { description: 'Contains the one value as text, case-insensitively' },
  },
});
