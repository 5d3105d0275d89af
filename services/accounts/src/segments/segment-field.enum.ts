import { graphqlEnum, type EnumValue } from '@crm/kernel/subgraph';

/** What a segment condition tests; each field takes only some operators (see `segments/segment-fields.ts`). */
export const SegmentField = graphqlEnum('SegmentField', 'What a segment condition tests about an account (or its contacts)', {
  MARKET: 'BUSINESS or CONSUMER. EQ, NEQ, IN, NOT_IN',
  INDUSTRY: 'Industry, compared case-insensitively. EQ, NEQ, IN, NOT_IN, CONTAINS, IS_SET, IS_NOT_SET',
  COUNTRY: 'Country code (ISO 3166-1 alpha-2, e.g. "DE"). EQ, NEQ, IN, NOT_IN, IS_SET, IS_NOT_SET',
  TIER: 'STRATEGIC, KEY or STANDARD. EQ, NEQ, IN, NOT_IN',
  LIFECYCLE: 'PROSPECT, CUSTOMER, FORMER_CUSTOMER or PARTNER. EQ, NEQ, IN, NOT_IN',
  ANNUAL_REVENUE:
    'Reported yearly revenue, in one currency (`currency` required for comparisons; an account reporting in another currency never matches). ' +
    'EQ, GT, GTE, LT, LTE, BETWEEN, IS_SET, IS_NOT_SET',
  EMPLOYEE_COUNT: 'Reported number of employees. EQ, NEQ, GT, GTE, LT, LTE, BETWEEN, IS_SET, IS_NOT_SET',
  LAST_INTERACTION_DAYS:
    'Whole days since the last call, meeting, e-mail or feedback (from the activities subgraph). Accounts never contacted match only IS_NOT_SET. ' +
    'EQ, GT, GTE, LT, LTE, BETWEEN, IS_SET, IS_NOT_SET',
  OPEN_PIPELINE:
    'Sum of the amounts of the open deals (from the opportunities subgraph) in one currency (`currency` required for comparisons; 0 without open deals in it), ' +
    'counting only the deals the caller may read. IS_SET: has open deals in any currency. EQ, GT, GTE, LT, LTE, BETWEEN, IS_SET, IS_NOT_SET',
  CREATED_AT: 'When the account was created in the CRM; values are ISO 8601 dates or date-times (a date is midnight UTC). GT, GTE, LT, LTE, BETWEEN',
  CONTACT_EMAIL: 'The account has a contact with an e-mail address (IS_SET) or none has (IS_NOT_SET)',
  CONTACT_PHONE: 'The account has a contact with a phone number (IS_SET) or none has (IS_NOT_SET)',
});
export type SegmentField = EnumValue<typeof SegmentField>;
