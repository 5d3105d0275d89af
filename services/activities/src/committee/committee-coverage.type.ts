import { CommitteeRole } from '@crm/domain';
import { Field, Int, ObjectType } from 'type-graphql';
import { CommitteeMemberEngagement } from './committee-member-engagement.type';

@ObjectType({
  description:
    'How well a deal\'s buying committee is covered: who was engaged by an activity within the window, who was not, and which required roles nobody holds. ' +
    'Only activities you may read count; deleted ones never do',
})
export class CommitteeCoverage {
  @Field(() => Int, { description: 'The window, in days back from now' })
  days!: number;

  @Field({ description: 'Start of the window: members engaged at or after this instant count as engaged' })
  since!: Date;

  @Field(() => [CommitteeMemberEngagement], { description: 'Members with an activity linked to them within the window, most recently engaged first' })
  engaged!: CommitteeMemberEngagement[];

  @Field(() => [CommitteeMemberEngagement], { description: 'Members with no activity linked to them within the window (lastEngagedAt older or null), in committee order' })
  notEngaged!: CommitteeMemberEngagement[];

  @Field(() => [CommitteeRole], {
    description: 'Required roles (DECISION_MAKER, ECONOMIC_BUYER, CHAMPION, TECHNICAL_EVALUATOR) that no member of the committee holds, in that order',
  })
  missingRoles!: CommitteeRole[];
}
