import type { Team } from './book';
import type { GenerationContext } from './context';

/** Team indexes, in the order the teams are generated. */
export const TEAM_ENTERPRISE_EMEA = 0;
export const TEAM_ENTERPRISE_AMERICAS = 1;
export const TEAM_MID_MARKET = 2;
export const TEAM_CUSTOMER_SUCCESS = 3;

export const TEAM_NAMES: readonly string[] = [
  'Enterprise EMEA',
  'Enterprise Americas',
  'Mid-Market',
  'Customer Success',
];

export function generateTeams(ctx: GenerationContext): Team[] {
  return TEAM_NAMES.map((name, index) => ({ id: ctx.id('team', index), name }));
}
