import { registerEnumType } from 'type-graphql';
import { UserRole } from '../../core/auth/principal';

/** UserRole as a GraphQL enum of every subgraph (the gateway needs only the TypeScript enum). */
registerEnumType(UserRole, {
  name: 'UserRole',
  description: 'What a CRM user may do',
  valuesConfig: {
    ADMIN: { description: 'Configures the CRM and may do everything' },
    MANAGER: { description: 'Leads a sales team; reads everything, writes for the team' },
    REP: { description: 'A sales representative who owns accounts, deals and activities' },
    ANALYST: { description: 'Explores data and analytics; read-only' },
  },
});
