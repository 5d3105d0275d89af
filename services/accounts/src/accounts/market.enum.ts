import { graphqlEnum, type EnumValue } from '@crm/kernel/subgraph';

export const Market = graphqlEnum('Market', 'Whether an account is a business (B2B) or a consumer household (B2C)', {
  BUSINESS: 'An organisation buying from us; decisions are made by a buying committee',
  CONSUMER: 'A private customer or household, usually targeted through segments',
});
export type Market = EnumValue<typeof Market>;
