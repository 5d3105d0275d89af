import { registerEnumType } from 'type-graphql';

export enum ForecastPeriod {
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
}

registerEnumType(ForecastPeriod, {
  name: 'ForecastPeriod',
  description: 'The length of the periods a forecast is split into',
  valuesConfig: {
    MONTH: { description: 'Calendar months, labelled like "2026-11"' },
    QUARTER: { description: 'Calendar quarters (January–March is Q1), labelled like "2026-Q4"' },
  },
});
