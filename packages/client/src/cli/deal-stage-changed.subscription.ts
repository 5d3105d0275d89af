import { gql, type TypedDocumentNode } from '@apollo/client';

export type StageKind = 'OPEN' | 'WON' | 'LOST';

/** The subgraph's `DealStageChangedFilter`; every given condition must hold. */
export interface DealStageChangedFilter {
  pipelineId?: string;
  ownerId?: string;
  teamId?: string;
  accountId?: string;
  toStageKind?: StageKind;
}

/** One `DealStageChange` with the fields watch-deals selects. */
export interface DealStageChangeView {
  cursor: string;
  changedAt: string;
  opportunity: {
    name: string;
    amount: { amount: string; currency: string };
    account: { name: string } | null;
    owner: { name: string } | null;
  };
  fromStage: { name: string } | null;
  toStage: { name: string; kind: StageKind };
  changedBy: { name: string } | null;
}

/**
 * Declares `$after` so the SDK's resume link keeps the stream gapless across reconnects: the CLI never
 * passes it itself.
 */
export const DEAL_STAGE_CHANGED: TypedDocumentNode<
  { dealStageChanged: DealStageChangeView },
  { filter?: DealStageChangedFilter; after?: string }
> = gql`
  subscription WatchDeals($filter: DealStageChangedFilter, $after: String) {
    dealStageChanged(filter: $filter, after: $after) {
      cursor
      changedAt
      opportunity {
        id
        name
        amount { amount currency }
        account { id name }
        owner { id name }
      }
      fromStage { id name }
      toStage { id name kind }
      changedBy { id name }
    }
  }
`;
