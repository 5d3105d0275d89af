import type { Pipeline, Stage, StageKind } from './book';
import type { GenerationContext } from './context';
import { DAY } from './time';

export type PipelineKey = 'NEW_BUSINESS' | 'RENEWALS';

export interface StageTemplate {
  name: string;
  kind: StageKind;
  probability: number;
}

export interface PipelineTemplate {
  key: PipelineKey;
  name: string;
  isDefault: boolean;
  /** Days before `now` the pipeline was set up. */
  createdDaysAgo: number;
  /** Ordered: open stages first, then WON, then LOST. */
  stages: readonly StageTemplate[];
}

export const PIPELINE_TEMPLATES: readonly PipelineTemplate[] = [
  {
    key: 'NEW_BUSINESS',
    name: 'New Business',
    isDefault: true,
    createdDaysAgo: 5 * 365,
    stages: [
      { name: 'Qualification', kind: 'OPEN', probability: 10 },
      { name: 'Discovery', kind: 'OPEN', probability: 25 },
      { name: 'Proposal', kind: 'OPEN', probability: 50 },
      { name: 'Negotiation', kind: 'OPEN', probability: 75 },
      { name: 'Closed Won', kind: 'WON', probability: 100 },
      { name: 'Closed Lost', kind: 'LOST', probability: 0 },
    ],
  },
  {
    key: 'RENEWALS',
    name: 'Renewals & Expansion',
    isDefault: false,
    createdDaysAgo: 5 * 365 - 2,
    stages: [
      { name: 'Renewal Due', kind: 'OPEN', probability: 60 },
      { name: 'Negotiation', kind: 'OPEN', probability: 80 },
      { name: 'Renewed', kind: 'WON', probability: 100 },
      { name: 'Churned', kind: 'LOST', probability: 0 },
    ],
  },
];

/** A pipeline with its stages split by kind, for building stage paths. */
export interface PipelineModel {
  key: PipelineKey;
  pipeline: Pipeline;
  open: Stage[];
  won: Stage;
  lost: Stage;
}

export interface GeneratedPipelines {
  pipelines: Pipeline[];
  stages: Stage[];
  byKey: Record<PipelineKey, PipelineModel>;
}

export function generatePipelines(ctx: GenerationContext): GeneratedPipelines {
  const pipelines: Pipeline[] = [];
  const stages: Stage[] = [];
  const byKey = {} as Record<PipelineKey, PipelineModel>;
  PIPELINE_TEMPLATES.forEach((template, pipelineIndex) => {
    const pipeline: Pipeline = {
      id: ctx.id('pipeline', pipelineIndex),
      name: template.name,
      isDefault: template.isDefault,
      createdAt: new Date(ctx.now - template.createdDaysAgo * DAY),
    };
    pipelines.push(pipeline);
    const own: Stage[] = template.stages.map((stage, position) => ({
      id: ctx.id('stage', stages.length + position),
      pipelineId: pipeline.id,
      name: stage.name,
      position,
      kind: stage.kind,
      probability: stage.probability,
    }));
    stages.push(...own);
    byKey[template.key] = {
      key: template.key,
      pipeline,
      open: own.filter((s) => s.kind === 'OPEN'),
      won: own.find((s) => s.kind === 'WON')!,
      lost: own.find((s) => s.kind === 'LOST')!,
    };
  });
  return { pipelines, stages, byKey };
}
