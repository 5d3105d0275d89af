import { registerEnumType } from 'type-graphql';

export enum StageKind {
  OPEN = 'OPEN',
  WON = 'WON',
  LOST = 'LOST',
}

registerEnumType(StageKind, {
  name: 'StageKind',
  description: 'Whether a stage means the deal is still being worked on, won or lost',
  valuesConfig: {
    OPEN: { description: 'The deal is in progress; it counts towards the open pipeline' },
    WON: { description: 'The customer signed; the deal is closed and counts as revenue' },
    LOST: { description: 'The customer decided against us (or the deal was abandoned); the deal is closed' },
  },
});
