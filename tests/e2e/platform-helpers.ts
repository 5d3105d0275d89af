import { UserRole } from '@crm/kernel';
import { testToken } from '@crm/testing';
import { Client } from 'pg';

/** A token for the seeded user with `role`, read from the platform's database. */
export async function tokenForSeededUser(databaseUrl: string, role: UserRole = UserRole.ADMIN): Promise<string> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT id, email, team_id FROM accounts.users WHERE role = $1 ORDER BY email LIMIT 1', [role]);
    return testToken({ userId: rows[0].id, email: rows[0].email, role, teamId: rows[0].team_id });
  } finally {
    await client.end();
  }
}

/** Sum of `crm_db_queries_total` over the three subgraphs' `/metrics`. */
export async function sqlQueriesSoFar(subgraphUrls: Record<string, string>): Promise<number> {
  let total = 0;
  for (const url of Object.values(subgraphUrls)) {
    const text = await (await fetch(new URL('/metrics', url))).text();
    const line = text.split('\n').find((l) => l.startsWith('crm_db_queries_total '));
    total += Number(line?.split(' ')[1] ?? 0);
  }
  return total;
}
