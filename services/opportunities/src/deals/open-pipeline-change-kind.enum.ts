import { registerEnumType } from 'type-graphql';

/** What changed an account's open pipeline. */
export enum OpenPipelineChangeKind {
  CREATED = 'CREATED',
  CHANGED = 'CHANGED',
  DELETED = 'DELETED',
  RESTORED = 'RESTORED',
  BACKFILL = 'BACKFILL',
}

registerEnumType(OpenPipelineChangeKind, {
  name: 'OpenPipelineChangeKind',
  description: "What changed an account's open pipeline (the amounts of its live deals in OPEN stages)",
  valuesConfig: {
    CREATED: { description: 'A deal was created in an OPEN stage' },
    CHANGED: {
      description:
        'A deal changed in a way that counts: its amount, currency, owner or team while open, its account (then both accounts get an event), ' +
        'or a stage move between OPEN and WON or LOST',
    },
    DELETED: { description: 'An open deal was deleted; it no longer counts' },
    RESTORED: { description: 'A deleted open deal was restored; it counts again' },
    BACKFILL: { description: "The account's open pipeline when the log began (deals created before it existed); no deal" },
  },
});
