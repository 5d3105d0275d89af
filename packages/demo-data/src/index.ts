export type {
  Account,
  Activity,
  ActivityType,
  Book,
  CommitteeMember,
  CommitteeRole,
  CommitteeStance,
  Contact,
  ExchangeRate,
  GenerateBookOptions,
  Lifecycle,
  LostReason,
  Market,
  Opportunity,
  Pipeline,
  Role,
  Stage,
  StageChange,
  StageKind,
  Team,
  Tier,
  User,
} from './book';
export { generateBook } from './generate-book';
export { demoSeed } from './demo-seed';
export { sharedWithOwnersTeam } from './owners-team';
export { deterministicUuid, type EntityKind } from './ids';
export {
  ADMIN_EMAIL,
  ANALYST_EMAIL,
  DEFAULT_NOW_ISO,
  DEFAULT_SCALE,
  DEFAULT_SEED,
  MANAGER_EMAIL,
  REP_EMAIL,
} from './defaults';
export { DEAL_PROFILES, type DealProfile, type DealProfileKey } from './deal-profiles';
export { PIPELINE_TEMPLATES, type PipelineTemplate, type StageTemplate } from './pipelines';
export { EXCHANGE_RATES } from './exchange-rates';
export { LOST_REASON_TEMPLATES, type LostReasonTemplate } from './lost-reasons';
export { TEAM_NAMES } from './teams';
