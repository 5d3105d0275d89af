import { graphqlEnum, type EnumValue } from '@crm/kernel/subgraph';

/** What changed an account's open pipeline. */
export const OpenPipelineChangeKind = graphqlEnum(
  'OpenPipelineChangeKind',
  "What changed an account's open pipeline (the amounts of its live deals in OPEN stages)",
  {
    CREATED: 'A deal was created in an OPEN stage',
    CHANGED:
      'A deal changed in a way that counts: its amount, currency, owner or team while open, its account (then both accounts get an event), ' +
      'or a stage move between OPEN and WON or LOST',
    DELETED: 'An open deal was deleted; it no longer counts',
    RESTORED: 'A deleted open deal was restored; it counts again',
    BACKFILL: "The account's open pipeline when the log began (deals created before it existed); no deal",
  },
);
export type OpenPipelineChangeKind = EnumValue<typeof OpenPipelineChangeKind>;
