import { gatewaySigningSecret, type Logger } from '@crm/kernel';
import { SiblingSubgraph } from '@crm/kernel/subgraph';
import type { Config } from '../config';

/** The sibling subgraphs this service asks as its caller, for checks it cannot leave to the gateway. */
export interface Siblings {
  /** Where contacts work and how accounts group (`addCommitteeMember`'s hierarchy rule). */
  accounts: SiblingSubgraph;
}

export function siblingSubgraphs(config: Config, logger: Logger): Siblings {
  return {
    // No logger for the secret: startService already warns once when it is the development default.
    accounts: new SiblingSubgraph({ name: 'accounts', url: config.ACCOUNTS_URL, signingSecret: gatewaySigningSecret(config), logger }),
  };
}
