import { registerEnumType } from 'type-graphql';

/** What a segment condition tests; each field takes only some operators (see `segments/segment-fields.ts`). */
export enum SegmentField {
  MARKET = 'MARKET',
  INDUSTRY = 'INDUSTRY',
  COUNTRY = 'COUNTRY',
  TIER = 'TIER',
  LIFECYCLE = 'LIFECYCLE',
  ANNUAL_REVENUE = 'ANNUAL_REVENUE',
  EMPLOYEE_COUNT = 'EMPLOYEE_COUNT',
  LAST_INTERACTION_DAYS = 'LAST_INTERACTION_DAYS',
  OPEN_PIPELINE = 'OPEN_PIPELINE',
  CREATED_AT = 'CREATED_AT',
  CONTACT_EMAIL = 'CONTACT_EMAIL',
  CONTACT_PHONE = 'CONTACT_PHONE',
}

registerEnumType(SegmentField, {
  name: 'SegmentField',
  description: 'What a segment condition tests about an account (or its contacts)',
  valuesConfig: {
    MARKET: { description: 'BUSINESS or CONSUMER. EQ, NEQ, IN, NOT_IN' },
    INDUSTRY: { description: 'Industry, compared case-insensitively. EQ, NEQ, IN, NOT_IN, CONTAINS, IS_SET, IS_NOT_SET' },
    COUNTRY: { description: 'Country code (ISO 3166-1 alpha-2, e.g. "DE"). EQ, NEQ, IN, NOT_IN, IS_SET, IS_NOT_SET' },
    TIER: { description: 'STRATEGIC, KEY or STANDARD. EQ, NEQ, IN, NOT_IN' },
    LIFECYCLE: { description: 'PROSPECT, CUSTOMER, FORMER_CUSTOMER or PARTNER. EQ, NEQ, IN, NOT_IN' },
    ANNUAL_REVENUE: {
      description:
        'Reported yearly revenue, in one currency (`currency` required for comparisons; an account reporting in another currency never matches). ' +
        'EQ, GT, GTE, LT, LTE, BETWEEN, IS_SET, IS_NOT_SET',
    },
    EMPLOYEE_COUNT: { description: 'Reported number of employees. EQ, NEQ, GT, GTE, LT, LTE, BETWEEN, IS_SET, IS_NOT_SET' },
    LAST_INTERACTION_DAYS: {
      description:
        'Whole days since the last call, meeting, e-mail or feedback (from the activities subgraph). Accounts never contacted match only IS_NOT_SET. ' +
        'EQ, GT, GTE, LT, LTE, BETWEEN, IS_SET, IS_NOT_SET',
    },
    OPEN_PIPELINE: {
      description:
        'Sum of the amounts of the open deals (from the opportunities subgraph) in one currency (`currency` required for comparisons; 0 without open deals in it), ' +
        'counting only the deals the caller may read. IS_SET: has open deals in any currency. EQ, GT, GTE, LT, LTE, BETWEEN, IS_SET, IS_NOT_SET',
    },
    CREATED_AT: { description: 'When the account was created in the CRM; values are ISO 8601 dates or date-times (a date is midnight UTC). GT, GTE, LT, LTE, BETWEEN' },
    CONTACT_EMAIL: { description: 'The account has a contact with an e-mail address (IS_SET) or none has (IS_NOT_SET)' },
    CONTACT_PHONE: { description: 'The account has a contact with a phone number (IS_SET) or none has (IS_NOT_SET)' },
  },
});
