import { graphqlEnum, type EnumValue } from '@crm/kernel/subgraph';

export const StageKind = graphqlEnum('StageKind', 'Whether a stage means the deal is still being worked on, won or lost', {
  OPEN: 'The deal is in progress; it counts towards the open pipeline',
  WON: 'The customer signed; the deal is closed and counts as revenue',
  LOST: 'The customer decided against us (or the deal was abandoned); the deal is closed',
});
export type StageKind = EnumValue<typeof StageKind>;
