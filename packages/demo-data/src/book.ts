/**
 * The shape of a generated book of business. Plain objects only: dates are JS `Date`s,
 * money is a decimal string with exactly two decimals, ids are v4-shaped UUID strings.
 */

export type Role = 'ADMIN' | 'MANAGER' | 'REP' | 'ANALYST';
export type Market = 'BUSINESS' | 'CONSUMER';
export type Tier = 'STRATEGIC' | 'KEY' | 'STANDARD';
export type Lifecycle = 'PROSPECT' | 'CUSTOMER' | 'FORMER_CUSTOMER' | 'PARTNER';
export type StageKind = 'OPEN' | 'WON' | 'LOST';
export type ActivityType = 'CALL' | 'MEETING' | 'EMAIL' | 'NOTE' | 'TASK' | 'TRAINING' | 'FEEDBACK';

export interface Team {
  id: string;
  name: string;
}

export interface User {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  role: Role;
  teamId: string | null;
  createdAt: Date;
}

export interface Account {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  market: Market;
  tier: Tier;
  lifecycle: Lifecycle;
  /** Decimal string with two decimals, e.g. "125000000.00". */
  annualRevenue: string | null;
  /** ISO 4217 code; null exactly when annualRevenue is null. */
  annualRevenueCurrency: string | null;
  employeeCount: number | null;
  /** ISO 3166-1 alpha-2. */
  country: string | null;
  /** Always an account that appears earlier in `Book.accounts`. */
  parentId: string | null;
  /** A REP or MANAGER. */
  ownerId: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface Contact {
  id: string;
  accountId: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  jobTitle: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface Pipeline {
  id: string;
  name: string;
  isDefault: boolean;
  createdAt: Date;
}

export interface Stage {
  id: string;
  pipelineId: string;
  name: string;
  /** 0-based position within the pipeline. */
  position: number;
  kind: StageKind;
  /** Integer 0–100. */
  probability: number;
}

/** An entry of the managed list of reasons deals are lost for. */
export interface LostReason {
  id: string;
  name: string;
  description: string;
  /** False for a retired reason: kept for old deals, not offered any more. */
  active: boolean;
  createdAt: Date;
}

/** One row of the conversion table: one unit of `fromCurrency` is worth `rate` units of `toCurrency`. */
export interface ExchangeRate {
  fromCurrency: string;
  toCurrency: string;
  /** Decimal string. */
  rate: string;
  updatedAt: Date;
  updatedById: string;
}

export interface Opportunity {
  id: string;
  name: string;
  accountId: string;
  ownerId: string;
  pipelineId: string;
  stageId: string;
  /** Decimal string with two decimals. */
  amount: string;
  currency: string;
  /** YYYY-MM-DD. */
  expectedCloseDate: string;
  /** Set exactly when the current stage is WON or LOST. */
  closedAt: Date | null;
  /** An active reason from `Book.lostReasons`, set exactly when the current stage is LOST. */
  lostReasonId: string | null;
  /** A rep's note on the loss, for some lost deals. */
  lostReasonNote: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type CommitteeRole = 'DECISION_MAKER' | 'ECONOMIC_BUYER' | 'CHAMPION' | 'INFLUENCER' | 'TECHNICAL_EVALUATOR' | 'END_USER' | 'BLOCKER';
export type CommitteeStance = 'SUPPORTER' | 'NEUTRAL' | 'OPPONENT' | 'UNKNOWN';

/** A contact on a deal's buying committee: always of the deal's account or its parent, once per deal. */
export interface CommitteeMember {
  id: string;
  opportunityId: string;
  contactId: string;
  role: CommitteeRole;
  stance: CommitteeStance;
  /** Integer 1–5, or null when not assessed. */
  influence: number | null;
  /** At most one per deal. */
  isPrimary: boolean;
  createdAt: Date;
  updatedAt: Date;
}

export interface StageChange {
  id: string;
  opportunityId: string;
  fromStageId: string | null;
  toStageId: string;
  changedById: string;
  changedAt: Date;
}

export interface Activity {
  id: string;
  type: ActivityType;
  subject: string;
  body: string | null;
  /** When a logged interaction happened (past); null for open tasks. */
  occurredAt: Date | null;
  dueAt: Date | null;
  completedAt: Date | null;
  ownerId: string;
  accountId: string | null;
  contactId: string | null;
  opportunityId: string | null;
  /** Integer 0–10, only for FEEDBACK. */
  feedbackScore: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface Book {
  seed: number;
  scale: number;
  teams: Team[];
  users: User[];
  accounts: Account[];
  contacts: Contact[];
  pipelines: Pipeline[];
  stages: Stage[];
  lostReasons: LostReason[];
  exchangeRates: ExchangeRate[];
  opportunities: Opportunity[];
  stageChanges: StageChange[];
  committeeMembers: CommitteeMember[];
  activities: Activity[];
}

export interface GenerateBookOptions {
  /** Unsigned 32-bit integer. Default 42. */
  seed?: number;
  /** Positive number multiplying the size of the book. Default 1. */
  scale?: number;
  /** The reference "today" all dates are relative to. Default 2026-11-01T00:00:00Z. */
  now?: Date;
}
