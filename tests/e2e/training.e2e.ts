import { UserRole } from '@crm/kernel';
import { eventually, startPlatform, testToken, withDatabaseClient, type Platform } from '@crm/testing';
import { tokenForSeededUser } from './platform-helpers';

const DAY = 86_400_000;

const TRAININGS = `query($id: ID!) {
  activities(first: 50, filter: { opportunityId: $id, type: TRAINING }, orderBy: { field: TIMELINE, direction: ASC }) {
    totalCount edges { node { id subject dueAt completedAt owner { id email } account { id name } opportunity { id } } }
  } }`;

describe('onboarding, refreshers and reminders after a won deal, through the gateway', () => {
  let platform: Platform;
  let admin: string;
  let owner: { id: string; email: string; token: string };
  let deal: { id: string; version: number; accountId: string; wonStageId: string };
  const trainings = async (token = admin) => {
    const data = await platform.as(token).ok(TRAININGS, { id: deal.id });
    return data.activities as { totalCount: number; edges: { node: any }[] };
  };

  beforeAll(async () => {
    platform = await startPlatform({ seedScale: 0.1 });
    admin = await tokenForSeededUser(platform.database.url);
    const { data } = await platform.as(admin).call(`{
      opportunities(first: 30, filter: { stageKind: OPEN }) {
        edges { node { id version account { id owner { id email role team { id } } } pipeline { stages { id kind } } } }
      } }`);
    // An open deal of a REP's account, with no training linked to it yet.
    let node: any;
    for (const candidate of data.opportunities.edges.map((e: any) => e.node).filter((n: any) => n.account?.owner?.role === 'REP')) {
      const linked = await platform.as(admin).call(`query($id: ID!) { activities(filter: { opportunityId: $id, type: TRAINING }) { totalCount } }`, { id: candidate.id });
      if (linked.data.activities.totalCount === 0) {
        node = candidate;
        break;
      }
    }
    deal = { id: node.id, version: node.version, accountId: node.account.id, wonStageId: node.pipeline.stages.find((s: any) => s.kind === 'WON').id };
    const person = node.account.owner;
    owner = { id: person.id, email: person.email, token: await testToken({ userId: person.id, email: person.email, role: UserRole.REP, teamId: person.team?.id ?? null }) };
  }, 180_000);

  afterAll(async () => {
    await platform?.stop();
  });

  it("gives the account's owner the onboarding plan within a few seconds of the win, exactly once even after the activities service restarts", async () => {
    expect((await trainings()).totalCount).toBe(0);
    const plan = await platform.as(admin).call(`query($id: ID!) { opportunity(id: $id) { pipeline { id } } }`, { id: deal.id });
    const defaultPlan = await platform.as(admin).call(`query($id: ID!) { trainingPlan(pipelineId: $id) { isDefault steps { title offsetDays } } }`, { id: plan.data.opportunity.pipeline.id });
    expect(defaultPlan.data.trainingPlan.isDefault).toBe(true);

    const started = Date.now();
    const won = await platform.as(admin).call(
      `mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { closedAt stage { kind } } }`,
      { input: { opportunityId: deal.id, stageId: deal.wonStageId, expectedVersion: deal.version } },
    );
    expect(won.errors).toBeUndefined();
    const wonAt = Date.parse(won.data.moveOpportunityStage.closedAt);
    const plan3 = await eventually(() => trainings(), { until: (t) => t.totalCount >= 3, timeoutMs: 10_000, what: 'three onboarding trainings' });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(plan3.totalCount).toBe(3);
    expect(plan3.edges.map(({ node }) => [node.subject, Math.round((Date.parse(node.dueAt) - wonAt) / DAY)])).toEqual([
      ['Kickoff', 3],
      ['Admin training', 14],
      ['User training', 30],
    ]);
    for (const { node } of plan3.edges) {
      // The account's owner (a REP), with the account's name from the accounts subgraph.
      expect(node).toMatchObject({ completedAt: null, owner: { id: owner.id, email: owner.email }, account: { id: deal.accountId, name: expect.any(String) }, opportunity: { id: deal.id } });
    }
    // The owner reads them too (they are theirs).
    expect((await trainings(owner.token)).totalCount).toBe(3);

    // Restarting the activities process replays nothing: its cursor was committed with the tasks.
    await platform.restart('activities');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect((await trainings()).totalCount).toBe(3);
    await withDatabaseClient(platform.database.url, async (db) => {
      const { rows } = await db.query(`SELECT count(*)::int AS n FROM activities.onboarding_tasks WHERE opportunity_id = $1`, [deal.id]);
      expect(rows[0].n).toBe(3);
      const { rows: cursors } = await db.query(`SELECT consumer, cursor FROM activities.event_cursors`);
      expect(cursors).toEqual([{ consumer: 'activities.onboarding', cursor: expect.any(String) }]);
    });
  });

  it('completing a training schedules its refresher a year later; dueReminders and trainingStatus show where the account stands', async () => {
    const [kickoff, admin14, user30] = (await trainings()).edges.map(({ node }) => node);
    const completed = await platform.as(owner.token).call(`mutation($id: ID!) { completeActivity(id: $id) { completedAt } }`, { id: kickoff.id });
    expect(completed.errors).toBeUndefined();
    const completedAt = Date.parse(completed.data.completeActivity.completedAt);
    const refreshers = await platform.as(owner.token).call(
      `query($account: ID!) { activities(filter: { accountId: $account, type: TRAINING, search: "Refresher: Kickoff" }) { edges { node { id subject dueAt owner { id } } } } }`,
      { account: deal.accountId },
    );
    expect(refreshers.data.activities.edges).toHaveLength(1);
    const refresher = refreshers.data.activities.edges[0].node;
    expect(refresher).toMatchObject({ subject: 'Refresher: Kickoff', owner: { id: owner.id } });
    expect(Date.parse(refresher.dueAt) - completedAt).toBe(365 * DAY);

    const reminders = await platform.as(owner.token).call(
      `query($owner: ID!, $before: DateTimeISO!) { dueReminders(ownerId: $owner, before: $before, first: 100) { edges { node { id subject dueAt } } } }`,
      { owner: owner.id, before: new Date(Date.now() + 31 * DAY).toISOString() },
    );
    expect(reminders.errors).toBeUndefined();
    const ids = reminders.data.dueReminders.edges.map((e: any) => e.node.id);
    expect(ids).toEqual(expect.arrayContaining([admin14.id, user30.id]));
    expect(ids).not.toContain(kickoff.id);
    expect(ids).not.toContain(refresher.id); // due in a year
    const due = reminders.data.dueReminders.edges.map((e: any) => Date.parse(e.node.dueAt));
    expect(due).toEqual([...due].sort((a, b) => a - b));

    const status = await platform.as(admin).call(
      `query($id: ID!) { account(id: $id) { name trainingStatus { doneCount dueCount overdueCount done { id } due { id } overdue { id } } } }`,
      { id: deal.accountId },
    );
    expect(status.errors).toBeUndefined();
    const training = status.data.account.trainingStatus;
    expect(training.done.map((a: any) => a.id)).toContain(kickoff.id);
    expect(training.due.map((a: any) => a.id)).toEqual(expect.arrayContaining([admin14.id, user30.id, refresher.id]));
    expect(training.doneCount).toBe(training.done.length);
    expect(training.dueCount).toBe(training.due.length);
    expect(training.overdueCount).toBe(training.overdue.length);
  });
});
