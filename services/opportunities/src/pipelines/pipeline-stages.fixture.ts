/**
 * Stages of the two pipelines the integration tests create. Stage names are unique across both,
 * so tests can look stages up by name alone (the demo book's templates share "Negotiation").
 */
export const NEW_BUSINESS_STAGES = [
  { name: 'Qualification', kind: 'OPEN', probability: 10 },
  { name: 'Discovery', kind: 'OPEN', probability: 25 },
  { name: 'Proposal', kind: 'OPEN', probability: 50 },
  { name: 'Negotiation', kind: 'OPEN', probability: 75 },
  { name: 'Closed Won', kind: 'WON', probability: 100 },
  { name: 'Closed Lost', kind: 'LOST', probability: 0 },
];

export const RENEWAL_STAGES = [
  { name: 'Renewal Due', kind: 'OPEN', probability: 60 },
  { name: 'Renewed', kind: 'WON', probability: 100 },
  { name: 'Churned', kind: 'LOST', probability: 0 },
];
