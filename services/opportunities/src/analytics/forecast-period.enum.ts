import { graphqlEnum, type EnumValue } from '@crm/kernel/subgraph';

export const ForecastPeriod = graphqlEnum('ForecastPeriod', 'The length of the periods a forecast is split into', {
  MONTH: 'Calendar months, labelled like "2026-11"',
  QUARTER: 'Calendar quarters (January–March is Q1), labelled like "2026-Q4"',
});
export type ForecastPeriod = EnumValue<typeof ForecastPeriod>;
