/** A plan step without its pipeline: the default plan's, or what an admin sends. */
export interface PlanStep {
  position: number;
  title: string;
  offsetDays: number;
  description: string | null;
}

/** The plan of every pipeline without one of its own. */
export const DEFAULT_TRAINING_PLAN: readonly PlanStep[] = Object.freeze([
  { position: 0, title: 'Kickoff', offsetDays: 3, description: 'Kickoff with the customer: goals, the people involved, the onboarding timeline' },
  { position: 1, title: 'Admin training', offsetDays: 14, description: "Train the customer's administrators to configure and run the product" },
  { position: 2, title: 'User training', offsetDays: 30, description: "Train the customer's users in their daily work with the product" },
]);
