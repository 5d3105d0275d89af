import { graphqlEnum, type EnumValue } from '@crm/kernel/subgraph';

export const ActivityType = graphqlEnum('ActivityType', 'What kind of interaction or piece of work an activity is', {
  CALL: 'A phone or video call with someone at the customer',
  MEETING: 'A meeting with the customer, on site or online',
  EMAIL: 'An e-mail sent to or received from the customer',
  NOTE: 'A written note for our own people, e.g. what we learned about the account',
  TASK: 'Work one of our people has to do, optionally by a due date; open until completed',
  TRAINING: "A training or onboarding session for the customer's staff; can be scheduled with a due date and completed",
  FEEDBACK: 'What the customer told us about our product or service, optionally with a 0–10 score',
});
export type ActivityType = EnumValue<typeof ActivityType>;

/** Types that are work to do: they may have a due date, be completed and be overdue. */
export const SCHEDULED_TYPES: readonly ActivityType[] = [ActivityType.TASK, ActivityType.TRAINING];

/** Types that record something that happened; `occurredAt` defaults to now when they are logged. */
export const LOGGED_TYPES: readonly ActivityType[] = [
  ActivityType.CALL,
  ActivityType.MEETING,
  ActivityType.EMAIL,
  ActivityType.NOTE,
  ActivityType.FEEDBACK,
];

/**
 * Types that are contact with the customer: an account's last interaction (`daysSinceLastInteraction`,
 * `staleAccounts`) is its latest one of these. NOTE is internal, TASK and TRAINING are work to do.
 */
export const INTERACTION_TYPES: readonly ActivityType[] = [ActivityType.CALL, ActivityType.MEETING, ActivityType.EMAIL, ActivityType.FEEDBACK];
