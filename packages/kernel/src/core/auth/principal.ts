/** What a person may do; the full authorization model builds on these four. */
export enum UserRole {
  ADMIN = 'ADMIN',
  MANAGER = 'MANAGER',
  REP = 'REP',
  ANALYST = 'ANALYST',
}

/** The authenticated caller, taken from a verified bearer token. */
export interface Principal {
  userId: string;
  email: string;
  role: UserRole;
  teamId: string | null;
}
