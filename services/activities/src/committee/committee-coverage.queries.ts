import { CommitteeRole, REQUIRED_COMMITTEE_ROLES } from '@crm/domain';
import { isUuid, type Principal } from '@crm/kernel';
import type { DataSource } from 'typeorm';
import type { Context } from '../context';
import { ACTIVITY_RECORD } from '../activities/activity.record';
import type { Opportunity } from '../stubs/opportunity.stub';
import type { CommitteeCoverage } from './committee-coverage.type';
import type { CommitteeMemberEngagement } from './committee-member-engagement.type';

interface Row {
  since: Date;
  engaged: EngagementRow[];
  notEngaged: EngagementRow[];
  missingRoles: CommitteeRole[];
}

interface EngagementRow {
  contactId: string;
  role: CommitteeRole;
  /** jsonb carries timestamps as text. */
  lastEngagedAt: string | null;
}

const ROLES = new Set<string>(Object.values(CommitteeRole));

/**
 * The committee coverage of many deals in one SQL query. The committees come from the deals'
 * representations (the gateway fetched them from opportunities for `@requires`); each member's last
 * engagement is the latest past occurredAt or completedAt of the live activities linked to them that
 * `principal` may read — the same rule as `Contact.lastActivityAt` — and they count as engaged when
 * it is within the last `days` days. Any activity with the person counts, whichever deal it is
 * linked to: a call with the CFO keeps the CFO engaged. Required roles nobody holds are missing.
 * Returns one coverage per deal, in the order given.
 */
export async function committeeCoverages(db: DataSource, principal: Principal, days: number, deals: readonly Opportunity[]): Promise<CommitteeCoverage[]> {
  const members = deals.flatMap((deal, dealIndex) =>
    (deal.buyingCommittee ?? []).flatMap((member, position) =>
      member?.contact && isUuid(member.contact.id) && ROLES.has(member.role) ? [{ deal: dealIndex, contact_id: member.contact.id, role: member.role, position }] : [],
    ),
  );
  const read = ACTIVITY_RECORD.access(principal, 'read', 'activity');
  const [sql, parameters] = db.driver.escapeQueryWithParameters(
    `WITH members AS (
       SELECT * FROM jsonb_to_recordset(CAST(:members AS jsonb)) AS member(deal int, contact_id uuid, role text, position int)
     ),
     engagement AS (
       SELECT activity.contact_id, max(greatest(activity.occurred_at, activity.completed_at)) AS last_engaged_at
         FROM activities.activities activity
        WHERE activity.contact_id IN (SELECT contact_id FROM members)
          AND activity.deleted_at IS NULL
          AND greatest(activity.occurred_at, activity.completed_at) <= now()
          AND ${read.sql}
        GROUP BY activity.contact_id
     ),
     scored AS (
       SELECT members.*, engagement.last_engaged_at,
              coalesce(engagement.last_engaged_at >= now() - make_interval(days => :days), false) AS engaged
         FROM members LEFT JOIN engagement USING (contact_id)
     )
     SELECT now() - make_interval(days => :days) AS since,
            coalesce((SELECT jsonb_agg(jsonb_build_object('contactId', s.contact_id, 'role', s.role, 'lastEngagedAt', s.last_engaged_at)
                                       ORDER BY s.last_engaged_at DESC, s.position)
                        FROM scored s WHERE s.deal = deal.n AND s.engaged), '[]') AS engaged,
            coalesce((SELECT jsonb_agg(jsonb_build_object('contactId', s.contact_id, 'role', s.role, 'lastEngagedAt', s.last_engaged_at)
                                       ORDER BY s.position)
                        FROM scored s WHERE s.deal = deal.n AND NOT s.engaged), '[]') AS "notEngaged",
            ARRAY(SELECT required.role FROM unnest(CAST(:required AS text[])) WITH ORDINALITY AS required(role, n)
                   WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.deal = deal.n AND m.role = required.role)
                   ORDER BY required.n) AS "missingRoles"
       FROM generate_series(0, :dealCount - 1) AS deal(n)
      ORDER BY deal.n`,
    { ...read.params, members: JSON.stringify(members), days, required: [...REQUIRED_COMMITTEE_ROLES], dealCount: deals.length },
  );
  const rows: Row[] = await db.query(sql, parameters);
  const engagement = (row: EngagementRow): CommitteeMemberEngagement => ({
    contact: { id: row.contactId },
    role: row.role,
    lastEngagedAt: row.lastEngagedAt === null ? null : new Date(row.lastEngagedAt),
  });
  return rows.map((row) => ({
    days,
    since: row.since,
    engaged: row.engaged.map(engagement),
    notEngaged: row.notEngaged.map(engagement),
    missingRoles: row.missingRoles,
  }));
}

/**
 * `Opportunity.committeeCoverage` of one deal, batched: the deals of a request asking for the same
 * window share one `committeeCoverages` query.
 */
export function committeeCoverage(ctx: Context, opportunity: Opportunity, days: number): Promise<CommitteeCoverage> {
  return ctx.loaders.lists
    .get('Opportunity.committeeCoverage', { days }, (deals: readonly Opportunity[]) => committeeCoverages(ctx.db, ctx.principal, days, deals))
    .load(opportunity);
}
