import { UserRole } from '../../core/auth/principal';
import { registerGraphqlEnum } from './graphql-enum';

/** UserRole as a GraphQL enum of every subgraph (the gateway needs only the TypeScript enum). */
registerGraphqlEnum(UserRole, 'UserRole', 'What a CRM user may do', {
  ADMIN: 'Configures the CRM and may do everything',
  MANAGER: 'Leads a sales team; reads everything, writes for the team',
  REP: 'A sales representative who owns accounts, deals and activities',
  ANALYST: 'Explores data and analytics; read-only',
});
