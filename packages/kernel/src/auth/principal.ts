import { registerEnumType } from 'type-graphql';

/** What a person may do; the full authorization model builds on these four. */
export enum UserRole {
  ADMIN = 'ADMIN',
  MANAGER = 'MANAGER',
  REP = 'REP',
  ANALYST = 'ANALYST',
}

registerEnumType(UserRole, {
  name: 'UserRole',
  description: 'What a CRM user may do',
  valuesConfig: {
    ADMIN: { description: 'Configures the CRM and may do everything' },
    MANAGER: { description: 'Leads a sales team; reads everything, writes for the team' },
    REP: { description: 'A sales representative who owns accounts, deals and activities' },
    ANALYST: { description: 'Explores data and analytics; read-only' },
  },
});

/** The authenticated caller, taken from a verified bearer token. */
export interface Principal {
  userId: string;
  email: string;
  role: UserRole;
  teamId: string | null;
}
