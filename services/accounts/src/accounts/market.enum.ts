import { registerEnumType } from 'type-graphql';

export enum Market {
  BUSINESS = 'BUSINESS',
  CONSUMER = 'CONSUMER',
}

registerEnumType(Market, {
  name: 'Market',
  description: 'Whether an account is a business (B2B) or a consumer household (B2C)',
  valuesConfig: {
    BUSINESS: { description: 'An organisation buying from us; decisions are made by a buying committee' },
    CONSUMER: { description: 'A private customer or household, usually targeted through segments' },
  },
});
