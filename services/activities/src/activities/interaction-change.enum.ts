import { registerEnumType } from 'type-graphql';

/** What happened to an account's interactions. */
export enum InteractionChange {
  LOGGED = 'LOGGED',
  CHANGED = 'CHANGED',
  DELETED = 'DELETED',
  RESTORED = 'RESTORED',
  BACKFILL = 'BACKFILL',
}

registerEnumType(InteractionChange, {
  name: 'InteractionChange',
  description: "What changed an account's interactions (calls, meetings, e-mails, feedback)",
  valuesConfig: {
    LOGGED: { description: 'An interaction was logged' },
    CHANGED: { description: 'An interaction was changed: its time, its type or its account (then both accounts get an event)' },
    DELETED: { description: 'An interaction was deleted; it no longer counts' },
    RESTORED: { description: 'A deleted interaction was restored; it counts again' },
    BACKFILL: { description: "The account's state when the log began (interactions logged before it existed); no activity" },
  },
});
