export type Region = 'EMEA' | 'AMERICAS' | 'APAC';

export interface CountryProfile {
  /** ISO 3166-1 alpha-2. */
  code: string;
  /** Local label used to name subsidiaries ("Globex Deutschland"). */
  label: string;
  region: Region;
  /** Reporting currency used in the book (only USD, EUR and GBP appear). */
  currency: 'USD' | 'EUR' | 'GBP';
  tld: string;
  legalSuffixes: readonly string[];
  dialCode: string;
  /** Digits after the dial code in an E.164 number. */
  nationalDigits: number;
  businessWeight: number;
  consumerWeight: number;
}

export const COUNTRIES: readonly CountryProfile[] = [
  { code: 'US', label: 'USA', region: 'AMERICAS', currency: 'USD', tld: 'com', legalSuffixes: ['Inc.', 'LLC', 'Corp.'], dialCode: '1', nationalDigits: 10, businessWeight: 44, consumerWeight: 58 },
  { code: 'GB', label: 'UK', region: 'EMEA', currency: 'GBP', tld: 'co.uk', legalSuffixes: ['Ltd', 'PLC'], dialCode: '44', nationalDigits: 10, businessWeight: 12, consumerWeight: 15 },
  { code: 'DE', label: 'Deutschland', region: 'EMEA', currency: 'EUR', tld: 'de', legalSuffixes: ['GmbH', 'AG'], dialCode: '49', nationalDigits: 10, businessWeight: 8, consumerWeight: 6 },
  { code: 'FR', label: 'France', region: 'EMEA', currency: 'EUR', tld: 'fr', legalSuffixes: ['SAS', 'SA'], dialCode: '33', nationalDigits: 9, businessWeight: 6, consumerWeight: 4 },
  { code: 'NL', label: 'Nederland', region: 'EMEA', currency: 'EUR', tld: 'nl', legalSuffixes: ['B.V.', 'N.V.'], dialCode: '31', nationalDigits: 9, businessWeight: 4, consumerWeight: 2 },
  { code: 'IE', label: 'Ireland', region: 'EMEA', currency: 'EUR', tld: 'ie', legalSuffixes: ['Ltd', 'DAC'], dialCode: '353', nationalDigits: 9, businessWeight: 2, consumerWeight: 2 },
  { code: 'ES', label: 'España', region: 'EMEA', currency: 'EUR', tld: 'es', legalSuffixes: ['S.L.', 'S.A.'], dialCode: '34', nationalDigits: 9, businessWeight: 2, consumerWeight: 1 },
  { code: 'IT', label: 'Italia', region: 'EMEA', currency: 'EUR', tld: 'it', legalSuffixes: ['S.r.l.', 'S.p.A.'], dialCode: '39', nationalDigits: 10, businessWeight: 2, consumerWeight: 1 },
  { code: 'SE', label: 'Nordics', region: 'EMEA', currency: 'USD', tld: 'se', legalSuffixes: ['AB'], dialCode: '46', nationalDigits: 9, businessWeight: 2, consumerWeight: 1 },
  { code: 'CH', label: 'Schweiz', region: 'EMEA', currency: 'USD', tld: 'ch', legalSuffixes: ['AG', 'SA'], dialCode: '41', nationalDigits: 9, businessWeight: 1.5, consumerWeight: 0.5 },
  { code: 'AE', label: 'Middle East', region: 'EMEA', currency: 'USD', tld: 'ae', legalSuffixes: ['LLC', 'FZ-LLC'], dialCode: '971', nationalDigits: 9, businessWeight: 1, consumerWeight: 0.5 },
  { code: 'CA', label: 'Canada', region: 'AMERICAS', currency: 'USD', tld: 'ca', legalSuffixes: ['Inc.', 'Ltd'], dialCode: '1', nationalDigits: 10, businessWeight: 5, consumerWeight: 4 },
  { code: 'BR', label: 'Brasil', region: 'AMERICAS', currency: 'USD', tld: 'com.br', legalSuffixes: ['Ltda.', 'S.A.'], dialCode: '55', nationalDigits: 11, businessWeight: 2, consumerWeight: 1 },
  { code: 'MX', label: 'México', region: 'AMERICAS', currency: 'USD', tld: 'com.mx', legalSuffixes: ['S.A. de C.V.'], dialCode: '52', nationalDigits: 10, businessWeight: 1.5, consumerWeight: 1 },
  { code: 'AU', label: 'Australia', region: 'APAC', currency: 'USD', tld: 'com.au', legalSuffixes: ['Pty Ltd'], dialCode: '61', nationalDigits: 9, businessWeight: 3, consumerWeight: 2 },
  { code: 'JP', label: 'Japan', region: 'APAC', currency: 'USD', tld: 'co.jp', legalSuffixes: ['K.K.'], dialCode: '81', nationalDigits: 10, businessWeight: 2, consumerWeight: 0.5 },
  { code: 'SG', label: 'Asia Pacific', region: 'APAC', currency: 'USD', tld: 'com.sg', legalSuffixes: ['Pte. Ltd.'], dialCode: '65', nationalDigits: 8, businessWeight: 2, consumerWeight: 0.5 },
  { code: 'IN', label: 'India', region: 'APAC', currency: 'USD', tld: 'in', legalSuffixes: ['Pvt. Ltd.'], dialCode: '91', nationalDigits: 10, businessWeight: 2, consumerWeight: 1 },
];

export const BUSINESS_COUNTRY_WEIGHTS: ReadonlyArray<readonly [CountryProfile, number]> = COUNTRIES.map(
  (c) => [c, c.businessWeight] as const,
);
export const CONSUMER_COUNTRY_WEIGHTS: ReadonlyArray<readonly [CountryProfile, number]> = COUNTRIES.map(
  (c) => [c, c.consumerWeight] as const,
);

/** Free-mail domains used for consumer contacts. */
export const CONSUMER_EMAIL_DOMAINS: readonly string[] = [
  'gmail.com',
  'outlook.com',
  'yahoo.com',
  'icloud.com',
  'proton.me',
  'hotmail.com',
];
