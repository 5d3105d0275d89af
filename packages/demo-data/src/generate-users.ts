import type { Role, Team, User } from './book';
import type { GenerationContext } from './context';
import { ADMIN_EMAIL, ANALYST_EMAIL, MANAGER_EMAIL, REP_EMAIL, USER_EMAIL_DOMAIN } from './defaults';
import { DAY, HOUR } from './time';
import { slugify } from './text';

/** Reps at scale 1; the rep count grows linearly with scale (at least one per team). */
export const REPS_AT_SCALE_1 = 18;

/** Users plus the lookups later phases need. */
export interface UserDirectory {
  users: User[];
  admin: User;
  analyst: User;
  /** Indexed by team index. */
  managersByTeam: User[];
  /** Indexed by team index. */
  repsByTeam: User[][];
  reps: User[];
  teamIndexByUserId: Map<string, number>;
}

export function repCount(scale: number, teams: number): number {
  return Math.max(teams, Math.round(REPS_AT_SCALE_1 * scale));
}

export function generateUsers(ctx: GenerationContext, teams: Team[]): UserDirectory {
  const { faker } = ctx;
  const rng = ctx.rng('users');
  const usedEmails = new Set<string>([ADMIN_EMAIL, ANALYST_EMAIL, MANAGER_EMAIL, REP_EMAIL]);
  const usedNames = new Set<string>();
  const users: User[] = [];
  const teamIndexByUserId = new Map<string, number>();
  const reps = repCount(ctx.scale, teams.length);
  const total = 2 + teams.length + reps;
  // Users join over the year before the first account is created (5y → 4y ago).
  const start = ctx.now - 5 * 365 * DAY;
  const gap = Math.floor((365 * DAY) / total);

  const add = (role: Role, teamIndex: number | null, fixedEmail: string | null): User => {
    let firstName = faker.person.firstName();
    let lastName = faker.person.lastName();
    for (let attempt = 0; attempt < 20 && usedNames.has(`${firstName} ${lastName}`); attempt++) {
      firstName = faker.person.firstName();
      lastName = faker.person.lastName();
    }
    usedNames.add(`${firstName} ${lastName}`);
    let email = fixedEmail;
    if (email === null) {
      const local = `${slugify(firstName) || 'user'}.${slugify(lastName) || 'crm'}`;
      email = `${local}@${USER_EMAIL_DOMAIN}`;
      for (let n = 2; usedEmails.has(email); n++) email = `${local}${n}@${USER_EMAIL_DOMAIN}`;
    }
    usedEmails.add(email);
    const index = users.length;
    const user: User = {
      id: ctx.id('user', index),
      email,
      firstName,
      lastName,
      role,
      teamId: teamIndex === null ? null : teams[teamIndex]!.id,
      createdAt: new Date(start + index * gap + rng.int(0, 8) * HOUR),
    };
    users.push(user);
    if (teamIndex !== null) teamIndexByUserId.set(user.id, teamIndex);
    return user;
  };

  const admin = add('ADMIN', null, ADMIN_EMAIL);
  const analyst = add('ANALYST', null, ANALYST_EMAIL);
  const managersByTeam = teams.map((_, t) => add('MANAGER', t, t === 0 ? MANAGER_EMAIL : null));
  const repsByTeam: User[][] = teams.map(() => []);
  const repList: User[] = [];
  for (let r = 0; r < reps; r++) {
    const teamIndex = r % teams.length;
    const rep = add('REP', teamIndex, r === 0 ? REP_EMAIL : null);
    repsByTeam[teamIndex]!.push(rep);
    repList.push(rep);
  }
  return { users, admin, analyst, managersByTeam, repsByTeam, reps: repList, teamIndexByUserId };
}
