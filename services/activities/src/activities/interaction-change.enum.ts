import { graphqlEnum, type EnumValue } from '@crm/kernel/subgraph';

/** What happened to an account's interactions. */
export const InteractionChange = graphqlEnum('InteractionChange', "What changed an account's interactions (calls, meetings, e-mails, feedback)", {
  LOGGED: 'An interaction was logged',
  CHANGED: 'An interaction was changed: its time, its type or its account (then both accounts get an event)',
  DELETED: 'An interaction was deleted; it no longer counts',
  RESTORED: 'A deleted interaction was restored; it counts again',
  BACKFILL: "The account's state when the log began (interactions logged before it existed); no activity",
});
export type InteractionChange = EnumValue<typeof InteractionChange>;
