import { graphqlRequest } from '@crm/testing';

export const MOVE_STAGE = `mutation($input: MoveOpportunityStageInput!) { moveOpportunityStage(input: $input) { id version stage { id } } }`;

/** The input of moveOpportunityStage that moves deal `id` to the next OPEN stage of its pipeline (wrapping around). */
export async function nextStageInput(gatewayUrl: string, id: string, token: string): Promise<{ opportunityId: string; stageId: string; expectedVersion: number }> {
  const { data } = await graphqlRequest(gatewayUrl, `query($id: ID!) { opportunity(id: $id) { version stage { id } pipeline { stages { id kind } } } }`, { id }, token);
  const open = data.opportunity.pipeline.stages.filter((s: { kind: string }) => s.kind === 'OPEN');
  const next = open[(open.findIndex((s: { id: string }) => s.id === data.opportunity.stage.id) + 1) % open.length];
  return { opportunityId: id, stageId: next.id, expectedVersion: data.opportunity.version };
}

/** Moves deal `id` to the next OPEN stage of its pipeline over HTTP; returns the stage it entered. */
export async function moveDeal(gatewayUrl: string, id: string, token: string): Promise<string> {
  const input = await nextStageInput(gatewayUrl, id, token);
  const response = await graphqlRequest(gatewayUrl, MOVE_STAGE, { input }, token);
  if (response.errors) throw new Error(`expected the deal to move, got ${JSON.stringify(response.errors)}`);
  return input.stageId;
}
