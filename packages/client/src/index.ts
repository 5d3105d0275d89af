export * from './create-crm-client';
export { gql } from '@apollo/client';
