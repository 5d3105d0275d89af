import { UserRole, type Principal } from '@crm/kernel';
import { Client } from 'pg';

/**
 * Finds a seeded user to mint a token for: by e-mail, else the first active user with the role.
 * Reads the accounts schema directly: this is an operator's tool, not a service.
 */
export async function findUser(url: string, selector: { email?: string; role?: UserRole }): Promise<Principal> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = selector.email
      ? await client.query('SELECT id, email, role, team_id FROM accounts.users WHERE email = lower($1)', [selector.email])
      : await client.query('SELECT id, email, role, team_id FROM accounts.users WHERE role = $1 AND active ORDER BY email LIMIT 1', [
          selector.role ?? UserRole.ADMIN,
        ]);
    if (rows.length === 0) {
      throw new Error(selector.email ? `no user with e-mail ${selector.email}` : `no user with role ${selector.role}; run \`pnpm seed\` first`);
    }
    return { userId: rows[0].id, email: rows[0].email, role: rows[0].role, teamId: rows[0].team_id };
  } finally {
    await client.end();
  }
}
