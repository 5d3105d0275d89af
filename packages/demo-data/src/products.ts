/** What the CRM's (fictional) vendor sells first: names land deals. */
export const CORE_PRODUCTS: readonly string[] = [
  'Platform License',
  'Enterprise Suite',
  'Team Edition',
  'Professional Edition',
  'Pilot',
];

/** Everything the vendor sells; names follow-on deals and activities. */
export const PRODUCTS: readonly string[] = [
  'Platform License',
  'Enterprise Suite',
  'Analytics Add-on',
  'Workflow Automation',
  'Data Connectors',
  'Security & Compliance Pack',
  'Premium Support',
  'Professional Services',
  'AI Assistant',
  'Partner Portal',
];

export const CONSUMER_PLANS: readonly string[] = [
  'Personal Pro (annual)',
  'Family Plan',
  'Premium Plan',
  'Lifetime License',
  'Starter Bundle',
];

export const COMPETITORS: readonly string[] = [
  'Salesforce', 'HubSpot', 'Pipedrive', 'Zoho', 'Microsoft Dynamics', 'an in-house tool', 'spreadsheets',
];
