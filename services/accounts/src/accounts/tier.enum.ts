import { registerEnumType } from 'type-graphql';

export enum Tier {
  STRATEGIC = 'STRATEGIC',
  KEY = 'KEY',
  STANDARD = 'STANDARD',
}

registerEnumType(Tier, {
  name: 'Tier',
  description: 'How much attention an account deserves; higher tiers must be contacted more often',
  valuesConfig: {
    STRATEGIC: { description: 'The few accounts that shape our year; top attention' },
    KEY: { description: 'Important accounts with regular attention' },
    STANDARD: { description: 'Everyone else' },
  },
});
