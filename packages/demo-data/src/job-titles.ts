/** Decision makers: the first contact of every business account. */
export const EXECUTIVE_TITLES: readonly string[] = [
  'Chief Executive Officer', 'Chief Financial Officer', 'Chief Operating Officer', 'Chief Technology Officer',
  'Chief Information Officer', 'Chief Revenue Officer', 'VP of Sales', 'VP of Operations', 'VP of Engineering',
  'VP of Customer Experience', 'Head of Procurement', 'Managing Director', 'General Manager',
];

export const DIRECTOR_TITLES: readonly string[] = [
  'Director of IT', 'Director of Sales Operations', 'Director of Finance', 'Director of Marketing',
  'Head of Data', 'Head of Revenue Operations', 'Head of Customer Success', 'IT Director',
  'Director of Business Systems', 'Head of Security', 'Director of Procurement',
];

export const MANAGER_TITLES: readonly string[] = [
  'Sales Operations Manager', 'IT Manager', 'Procurement Manager', 'Finance Manager', 'Marketing Manager',
  'Program Manager', 'Product Manager', 'Customer Support Manager', 'Project Manager', 'Operations Manager',
];

export const INDIVIDUAL_TITLES: readonly string[] = [
  'Business Analyst', 'Systems Administrator', 'Data Analyst', 'Solutions Architect', 'Procurement Specialist',
  'Financial Analyst', 'Executive Assistant', 'Software Engineer', 'Account Coordinator', 'Security Engineer',
];
