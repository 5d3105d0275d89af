import type { Caller } from '@crm/testing';

export const MOVE_STAGE = `mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id version stage { id } } }`;

/** The input of moveOpportunityStage that moves deal `id` to the next OPEN stage of its pipeline (wrapping around), as `caller` reads it. */
export async function nextStageInput(caller: Caller, id: string): Promise<{ opportunityId: string; stageId: string; expectedVersion: number }> {
  const { opportunity } = await caller.ok(`query($id: ID!) { opportunity(id: $id) { version stage { id } pipeline { stages { id kind } } } }`, { id });
  const open = opportunity.pipeline.stages.filter((s: { kind: string }) => s.kind === 'OPEN');
  const next = open[(open.findIndex((s: { id: string }) => s.id === opportunity.stage.id) + 1) % open.length];
  return { opportunityId: id, stageId: next.id, expectedVersion: opportunity.version };
}

/** Moves deal `id` to the next OPEN stage of its pipeline over HTTP as `caller`; returns the stage it entered. */
export async function moveDeal(caller: Caller, id: string): Promise<string> {
  const input = await nextStageInput(caller, id);
  await caller.ok(MOVE_STAGE, { input });
  return input.stageId;
}
