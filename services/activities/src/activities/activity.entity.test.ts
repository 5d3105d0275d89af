import { Activity } from './activity.entity';
import { ActivityType } from './activity-type.enum';

function activity(fields: Partial<Activity>): Activity {
  return Object.assign(new Activity(), { type: ActivityType.TASK, dueAt: null, completedAt: null, ...fields });
}

describe('Activity.isOverdue', () => {
  const yesterday = new Date(Date.now() - 86_400_000);
  const tomorrow = new Date(Date.now() + 86_400_000);

  it('is true for an open task or training whose due date has passed', () => {
    expect(activity({ dueAt: yesterday }).isOverdue).toBe(true);
    expect(activity({ type: ActivityType.TRAINING, dueAt: yesterday }).isOverdue).toBe(true);
  });

  it('is false once completed, before the due date, without a due date, and for other types', () => {
    expect(activity({ dueAt: yesterday, completedAt: new Date() }).isOverdue).toBe(false);
    expect(activity({ dueAt: tomorrow }).isOverdue).toBe(false);
    expect(activity({}).isOverdue).toBe(false);
    expect(activity({ type: ActivityType.CALL, dueAt: yesterday }).isOverdue).toBe(false);
  });
});
