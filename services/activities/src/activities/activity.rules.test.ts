import { ActivityType } from './activity-type.enum';
import { activityProblems, assertActivityRules, type ActivityFacts } from './activity.rules';

const call: ActivityFacts = {
  type: ActivityType.CALL,
  occurredAt: new Date('2026-10-01T09:00:00Z'),
  dueAt: null,
  completedAt: null,
  accountId: '6f1c9f3e-2d4b-4c8a-9e7f-1a2b3c4d5e6f',
  contactId: null,
  opportunityId: null,
  feedbackScore: null,
};

describe('activity rules', () => {
  it('accept a logged call linked to an account', () => {
    expect(activityProblems(call, { requireLink: true })).toEqual([]);
  });

  it('name every link field when an activity belongs to nothing, but only when links are checked', () => {
    const unlinked = { ...call, accountId: null };
    expect(activityProblems(unlinked, { requireLink: true }).map((p) => p.field)).toEqual(['input.accountId', 'input.contactId', 'input.opportunityId']);
    expect(activityProblems(unlinked, { requireLink: false })).toEqual([]);
  });

  it('keep scores to feedback and due and completion dates to tasks and trainings', () => {
    const problems = activityProblems({ ...call, feedbackScore: 8, dueAt: new Date(), completedAt: new Date() }, { requireLink: true });
    expect(problems).toEqual([
      { field: 'input.feedbackScore', message: 'is only allowed for FEEDBACK activities, got type CALL' },
      { field: 'input.dueAt', message: 'is only allowed for TASK and TRAINING activities, got type CALL' },
      { field: 'input.completedAt', message: 'is only allowed for TASK and TRAINING activities, got type CALL' },
    ]);
    expect(activityProblems({ ...call, type: ActivityType.FEEDBACK, feedbackScore: 8 }, { requireLink: true })).toEqual([]);
    expect(activityProblems({ ...call, type: ActivityType.TRAINING, occurredAt: null, dueAt: new Date() }, { requireLink: true })).toEqual([]);
  });

  it('require a logged interaction to say when it happened', () => {
    expect(activityProblems({ ...call, occurredAt: null }, { requireLink: true, prefix: 'patch' })).toEqual([
      { field: 'patch.occurredAt', message: 'cannot be empty for a CALL: it records when the interaction happened' },
    ]);
  });

  it('throw one BAD_USER_INPUT listing every problem', () => {
    expect(() => assertActivityRules({ ...call, accountId: null, feedbackScore: 1 }, { requireLink: true })).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }), message: expect.stringMatching(/^Invalid input: input\.accountId: .*input\.feedbackScore: /) }),
    );
  });
});
