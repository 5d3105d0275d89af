import { graphqlEnum, type EnumValue } from '@crm/kernel/subgraph';

export const Tier = graphqlEnum('Tier', 'How much attention an account deserves; higher tiers must be contacted more often', {
  STRATEGIC: 'The few accounts that shape our year; top attention',
  KEY: 'Important accounts with regular attention',
  STANDARD: 'Everyone else',
});
export type Tier = EnumValue<typeof Tier>;
