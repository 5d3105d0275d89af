import type { ActivityType } from './book';

/**
 * Subject and body templates per activity type. Placeholders: {contact}, {account},
 * {product}, {competitor}, {weekday}, {quarter}, {pain}, {seats}, {score}.
 */
export const SUBJECTS: Readonly<Record<ActivityType, readonly string[]>> = {
  CALL: [
    'Discovery call with {contact}',
    'Follow-up call: {product} pricing',
    'Check-in call with {contact}',
    'Call re: procurement timeline',
    'Left voicemail for {contact}',
    'Intro call with {contact}',
    'Call to review open support tickets',
    'Budget call with {contact}',
  ],
  MEETING: [
    'Demo: {product}',
    'Quarterly business review with {account}',
    'Executive alignment meeting',
    'Technical deep dive with {contact}',
    'Procurement and legal review',
    'Onsite workshop at {account}',
    'Kick-off meeting',
    'Success plan review with {contact}',
  ],
  EMAIL: [
    'Re: {product} proposal',
    'Follow-up from our call',
    'Pricing for {seats} seats',
    'Fwd: security questionnaire',
    'Re: contract redlines',
    'Next steps for {quarter}',
    'Case studies you asked for',
    'Intro: {account} x our team',
  ],
  NOTE: [
    'Account plan update',
    'Org chart notes',
    'Competitive intel: {competitor}',
    'Budget and timing notes',
    'Risk: champion may be leaving',
    'Notes from {weekday} sync',
    'Stakeholder map for {account}',
  ],
  TASK: [
    'Send proposal to {contact}',
    'Follow up on security review',
    'Schedule QBR with {account}',
    'Prepare renewal quote',
    'Update close plan',
    'Book demo with {contact}',
    'Send case studies to {contact}',
    'Confirm legal contact for MSA',
  ],
  TRAINING: [
    'Admin onboarding session',
    'End-user training: {product}',
    'Reporting & dashboards workshop',
    'Train-the-trainer session',
    'API & integrations training',
  ],
  FEEDBACK: [
    'NPS survey response: {score}/10',
    'Quarterly customer feedback',
    'Post-onboarding survey',
    'CSAT response after support case',
  ],
};

export const BODY_SENTENCES: Readonly<Record<Exclude<ActivityType, 'FEEDBACK'>, readonly string[]>> = {
  CALL: [
    'Discussed current process and pain points around {pain}.',
    '{contact} confirmed budget is allocated for {quarter}.',
    'Agreed to loop in IT for the security review.',
    '{contact} is evaluating {competitor} in parallel.',
    'Next step: technical demo on {weekday}.',
    'Walked through pricing for {seats} seats; no pushback on list price.',
    'Asked for two customer references in their industry.',
    'Timeline slipped by a few weeks because of an internal re-org.',
  ],
  MEETING: [
    'Attendees from {account}: {contact} plus two people from operations.',
    'Showed the {product} and the reporting module; strong reaction to {pain}.',
    'Agreed on success criteria for the pilot.',
    'Procurement wants a three-year term with annual payments.',
    'Reviewed adoption metrics and the roadmap for {quarter}.',
    'Action items: send recap, share sandbox access, schedule follow-up.',
  ],
  EMAIL: [
    'Sent the recap and the updated proposal to {contact}.',
    'Shared the security whitepaper and DPA template.',
    '{contact} replied that legal is reviewing the redlines.',
    'Followed up on the open questions about {pain}.',
    'Sent quote for {seats} seats valid until end of {quarter}.',
  ],
  NOTE: [
    '{contact} is the champion; the economic buyer is the CFO.',
    'Main competitor here is {competitor}.',
    'Budget cycle starts in {quarter}.',
    'They care most about {pain}.',
    'Expansion potential in two more business units.',
    'Relationship is healthy but usage dropped last month.',
  ],
  TASK: [
    'Include the updated pricing and the implementation plan.',
    'Check with solutions engineering before sending.',
    'Use the standard template; legal already approved it.',
    'Coordinate with the account manager on timing.',
  ],
  TRAINING: [
    'Covered user management, roles and permissions.',
    'Built three dashboards together with the team.',
    '{contact} will run the internal rollout for the remaining users.',
    'Recorded the session and shared the slides.',
    'Follow-up session requested for the API integration.',
  ],
};

export const FEEDBACK_COMMENTS = {
  promoter: [
    'Great onboarding experience, the team was responsive.',
    'Reporting saves us hours every week.',
    'Would recommend to peers in our industry.',
    'Support has been excellent.',
  ],
  passive: [
    'Solid product, a few features are still missing for us.',
    'Works well, but the mobile experience could be better.',
    'Happy overall; pricing is on the high side.',
  ],
  detractor: [
    'Too many bugs in the last release.',
    'Support response times have been slow.',
    'Adoption is low, the team finds it hard to use.',
    'We are considering alternatives at renewal.',
  ],
} as const;

export const PAIN_POINTS: readonly string[] = [
  'manual reporting', 'data silos', 'forecast accuracy', 'onboarding time', 'renewal visibility',
  'pipeline hygiene', 'slow quote approvals', 'lack of audit trails',
];

export const WEEKDAYS: readonly string[] = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

/** Activities not tied to any account (internal housekeeping). */
export const INTERNAL_TASKS: readonly string[] = [
  'Update pipeline forecast',
  'Prepare for weekly pipeline review',
  'Territory planning',
  'Clean up stale opportunities',
  'Complete product certification',
];

export const INTERNAL_NOTES: readonly string[] = [
  'Team meeting notes',
  'Ideas for next quarter campaigns',
  'Notes from sales kickoff',
];
