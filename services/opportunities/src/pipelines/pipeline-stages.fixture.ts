import { PIPELINE_TEMPLATES, type StageTemplate } from '@crm/demo-data';
import type { Caller } from '@crm/testing';

/**
 * Stages of the two pipelines the integration tests create. Stage names are unique across both,
 * so tests can look stages up by name alone (the demo book's renewal template shares "Negotiation"
 * with New Business, hence renewals of their own here).
 */
export const NEW_BUSINESS_STAGES: readonly StageTemplate[] = PIPELINE_TEMPLATES.find((template) => template.key === 'NEW_BUSINESS')!.stages;

export const RENEWAL_STAGES: readonly StageTemplate[] = [
  { name: 'Renewal Due', kind: 'OPEN', probability: 60 },
  { name: 'Renewed', kind: 'WON', probability: 100 },
  { name: 'Churned', kind: 'LOST', probability: 0 },
];

/** Creates a pipeline with `stages` as `admin`; answers its id and its stages' ids by name. */
export async function createTestPipeline(admin: Caller, name: string, stages: readonly StageTemplate[]): Promise<{ id: string; stages: Record<string, string> }> {
  const { createPipeline } = await admin.ok(`mutation($input: CreatePipelineInput!) { createPipeline(input: $input) { id stages { id name } } }`, { input: { name, stages } });
  return { id: createPipeline.id, stages: Object.fromEntries(createPipeline.stages.map((stage: { id: string; name: string }) => [stage.name, stage.id])) };
}
