export interface IndustryProfile {
  name: string;
  weight: number;
  /** Words that make company names sound like they belong to the industry. */
  nameSuffixes: readonly string[];
}

export const INDUSTRIES: readonly IndustryProfile[] = [
  { name: 'Software', weight: 14, nameSuffixes: ['Software', 'Labs', 'Systems', 'Cloud', 'Technologies'] },
  { name: 'Financial Services', weight: 10, nameSuffixes: ['Capital', 'Financial', 'Bank', 'Payments'] },
  { name: 'Manufacturing', weight: 10, nameSuffixes: ['Industries', 'Manufacturing', 'Works', 'Components'] },
  { name: 'Healthcare', weight: 9, nameSuffixes: ['Health', 'Medical', 'Care', 'Clinics'] },
  { name: 'Professional Services', weight: 8, nameSuffixes: ['Consulting', 'Advisory', 'Partners'] },
  { name: 'Retail', weight: 7, nameSuffixes: ['Retail', 'Stores', 'Brands', 'Outfitters'] },
  { name: 'Logistics', weight: 6, nameSuffixes: ['Logistics', 'Freight', 'Shipping'] },
  { name: 'Energy', weight: 5, nameSuffixes: ['Energy', 'Power', 'Renewables'] },
  { name: 'Telecommunications', weight: 4, nameSuffixes: ['Telecom', 'Networks', 'Communications'] },
  { name: 'Insurance', weight: 4, nameSuffixes: ['Insurance', 'Assurance', 'Mutual'] },
  { name: 'Education', weight: 4, nameSuffixes: ['Learning', 'Education', 'Academy'] },
  { name: 'Media', weight: 4, nameSuffixes: ['Media', 'Studios', 'Publishing'] },
  { name: 'Construction', weight: 4, nameSuffixes: ['Construction', 'Builders', 'Engineering'] },
  { name: 'Pharmaceuticals', weight: 3, nameSuffixes: ['Pharma', 'Therapeutics', 'Biosciences'] },
  { name: 'Automotive', weight: 3, nameSuffixes: ['Motors', 'Automotive', 'Mobility'] },
  { name: 'Food & Beverage', weight: 3, nameSuffixes: ['Foods', 'Beverages', 'Kitchens'] },
  { name: 'Hospitality', weight: 3, nameSuffixes: ['Hotels', 'Hospitality', 'Resorts'] },
  { name: 'Real Estate', weight: 3, nameSuffixes: ['Properties', 'Realty', 'Estates'] },
];

export const INDUSTRY_WEIGHTS: ReadonlyArray<readonly [IndustryProfile, number]> = INDUSTRIES.map(
  (i) => [i, i.weight] as const,
);

/** Brandable stems mixed with faker surnames to build company names. */
export const COMPANY_STEMS: readonly string[] = [
  'Apex', 'Atlas', 'Beacon', 'Bluecrest', 'Brightline', 'Cedar', 'Cobalt', 'Crestview', 'Delta', 'Evergreen',
  'Falcon', 'Granite', 'Harbor', 'Horizon', 'Ironwood', 'Keystone', 'Lumen', 'Meridian', 'Northwind', 'Nova',
  'Oakridge', 'Orion', 'Pinnacle', 'Pioneer', 'Quantum', 'Redwood', 'Riverbend', 'Sequoia', 'Silverline', 'Sterling',
  'Summit', 'Tidewater', 'Titan', 'Trident', 'Vanguard', 'Vertex', 'Westbridge', 'Willow', 'Zenith', 'Alpine',
  'Aurora', 'Bastion', 'Clearwater', 'Copperleaf', 'Driftwood', 'Everest', 'Fairview', 'Greenfield', 'Highland',
  'Lakeshore', 'Maple', 'Monarch', 'Northstar', 'Pacific', 'Polaris', 'Prairie', 'Skyline', 'Stonegate', 'Sunrise',
];

/** Suffixes for a subsidiary in the same country as its parent ("Globex Digital"). */
export const DIVISION_SUFFIXES: readonly string[] = [
  'Services', 'Solutions', 'Digital', 'Holdings', 'Labs', 'Operations', 'Ventures', 'International',
];
