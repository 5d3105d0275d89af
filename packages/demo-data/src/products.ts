/** What the CRM's (fictional) vendor sells; used to name deals and activities. */
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
