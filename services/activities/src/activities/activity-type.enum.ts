import { registerEnumType } from 'type-graphql';

export enum ActivityType {
  CALL = 'CALL',
  MEETING = 'MEETING',
  EMAIL = 'EMAIL',
  NOTE = 'NOTE',
  TASK = 'TASK',
  TRAINING = 'TRAINING',
  FEEDBACK = 'FEEDBACK',
}

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

registerEnumType(ActivityType, {
  name: 'ActivityType',
  description: 'What kind of interaction or piece of work an activity is',
  valuesConfig: {
    CALL: { description: 'A phone or video call with someone at the customer' },
    MEETING: { description: 'A meeting with the customer, on site or online' },
    EMAIL: { description: 'An e-mail sent to or received from the customer' },
    NOTE: { description: 'A written note for our own people, e.g. what we learned about the account' },
    TASK: { description: 'Work one of our people has to do, optionally by a due date; open until completed' },
    TRAINING: { description: "A training or onboarding session for the customer's staff; can be scheduled with a due date and completed" },
    FEEDBACK: { description: 'What the customer told us about our product or service, optionally with a 0–10 score' },
  },
});
