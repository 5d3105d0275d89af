import { registerEnumType } from 'type-graphql';

/**
 * The part a person plays in a B2B buying decision (Salesforce's OpportunityContactRole, HubSpot's
 * association labels). Shared by the opportunities subgraph, which stores a deal's buying committee,
 * and the activities subgraph, which computes its coverage: composition requires an enum used as
 * input to have the same values in every subgraph, so it is defined once, here.
 */
export enum CommitteeRole {
  DECISION_MAKER = 'DECISION_MAKER',
  ECONOMIC_BUYER = 'ECONOMIC_BUYER',
  CHAMPION = 'CHAMPION',
  INFLUENCER = 'INFLUENCER',
  TECHNICAL_EVALUATOR = 'TECHNICAL_EVALUATOR',
  END_USER = 'END_USER',
  BLOCKER = 'BLOCKER',
}

/** Where a committee member stands towards us. */
export enum CommitteeStance {
  SUPPORTER = 'SUPPORTER',
  NEUTRAL = 'NEUTRAL',
  OPPONENT = 'OPPONENT',
  UNKNOWN = 'UNKNOWN',
}

/**
 * The roles every buying committee should have someone in; `committeeCoverage.missingRoles` lists
 * those of them nobody holds. Influencers, end users and blockers matter when they exist, but a
 * deal is not incomplete without them.
 */
export const REQUIRED_COMMITTEE_ROLES: readonly CommitteeRole[] = [
  CommitteeRole.DECISION_MAKER,
  CommitteeRole.ECONOMIC_BUYER,
  CommitteeRole.CHAMPION,
  CommitteeRole.TECHNICAL_EVALUATOR,
];

registerEnumType(CommitteeRole, {
  name: 'CommitteeRole',
  description: 'The part a person plays in the buying decision of a deal',
  valuesConfig: {
    DECISION_MAKER: { description: 'Makes the final decision to buy (required in every committee)' },
    ECONOMIC_BUYER: { description: 'Owns the budget and signs off the spend (required in every committee)' },
    CHAMPION: { description: 'Sells for us inside the customer (required in every committee)' },
    INFLUENCER: { description: 'Has no vote but shapes the opinion of those who do' },
    TECHNICAL_EVALUATOR: { description: 'Checks that the product fits technically, e.g. IT or security (required in every committee)' },
    END_USER: { description: 'Will use the product day to day' },
    BLOCKER: { description: 'Can stop or delay the purchase, e.g. procurement, legal or a rival vendor\'s ally' },
  },
});

registerEnumType(CommitteeStance, {
  name: 'CommitteeStance',
  description: 'Where a buying-committee member stands towards us',
  valuesConfig: {
    SUPPORTER: { description: 'Is in favour of buying from us' },
    NEUTRAL: { description: 'Has no preference yet' },
    OPPONENT: { description: 'Prefers another option or no purchase' },
    UNKNOWN: { description: 'We do not know yet' },
  },
});
