import type { FieldProblem } from '@crm/kernel';
import type { EntityManager } from 'typeorm';
import type { CreateStageInput } from './create-stage.input';
import type { Pipeline } from './pipeline.entity';
import { stageUsage } from './pipeline.queries';
import { StageKind } from './stage-kind.enum';
import type { Stage } from './stage.entity';
import type { UpdatePipelineStagesInput } from './update-pipeline-stages.input';

/** What class-validator cannot see: the kinds a pipeline needs, unique names, and probabilities that fit the kind. */
export function stageProblems(stages: CreateStageInput[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const kinds = [...new Set(stages.map((stage) => stage.kind))];
  for (const kind of [StageKind.OPEN, StageKind.WON, StageKind.LOST]) {
    if (!kinds.includes(kind)) {
      problems.push({
        field: 'input.stages',
        message: `needs at least one OPEN, one WON and one LOST stage; got no ${kind} stage (kinds given: ${kinds.join(', ') || 'none'})`,
      });
    }
  }
  const firstIndexByName = new Map<string, number>();
  stages.forEach((stage, index) => {
    const key = stage.name.trim().toLowerCase();
    const first = firstIndexByName.get(key);
    if (first === undefined) firstIndexByName.set(key, index);
    else problems.push({ field: `input.stages.${index}.name`, message: `must be unique within the pipeline; "${stage.name}" is also the name of stage ${first}` });
    if (stage.kind === StageKind.WON && stage.probability !== 100) {
      problems.push({ field: `input.stages.${index}.probability`, message: `must be 100 for a WON stage, got ${stage.probability}` });
    }
    if (stage.kind === StageKind.LOST && stage.probability !== 0) {
      problems.push({ field: `input.stages.${index}.probability`, message: `must be 0 for a LOST stage, got ${stage.probability}` });
    }
  });
  return problems;
}

/** "1 deal", "3 deals". */
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * What a new stage list means for the stages a pipeline has: each id must be one of them, listed
 * once, with its kind unchanged (its deals and history were open, won or lost there); a stage left
 * out may go only if nothing ever used it (no deal, live or deleted, and no stage change).
 */
export async function stageEditProblems(manager: EntityManager, pipeline: Pipeline, current: Stage[], input: UpdatePipelineStagesInput): Promise<{ problems: FieldProblem[]; removed: Stage[] }> {
  const problems: FieldProblem[] = [];
  const byId = new Map(current.map((stage) => [stage.id, stage]));
  const kept = new Set<string>();
  input.stages.forEach(({ id, kind }, index) => {
    if (!id) return;
    const existing = byId.get(id);
    if (!existing) problems.push({ field: `input.stages.${index}.id`, message: `expected the id of a stage of pipeline "${pipeline.name}", got ${id}` });
    else if (kept.has(id)) problems.push({ field: `input.stages.${index}.id`, message: `stage "${existing.name}" is listed more than once` });
    else if (existing.kind !== kind) {
      problems.push({ field: `input.stages.${index}.kind`, message: `stage "${existing.name}" is ${existing.kind} and stays so (its deals and history are); add a new stage for ${kind}` });
    }
    kept.add(id);
  });
  const removed = current.filter((stage) => !kept.has(stage.id));
  if (removed.length > 0) {
    const usage = await stageUsage(manager, removed.map((stage) => stage.id));
    for (const { name, deals, changes } of usage.filter(({ deals, changes }) => deals + changes > 0)) {
      problems.push({
        field: 'input.stages',
        message: `stage "${name}" was left out but cannot be removed: ${count(deals, 'deal')} (deleted ones included) in it and ${count(changes, 'stage change')} referring to it; keep it in the list`,
      });
    }
  }
  return { problems, removed };
}
