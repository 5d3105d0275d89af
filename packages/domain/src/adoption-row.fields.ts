/**
 * Descriptions of the `AdoptionRow` fields that one subgraph resolves and another requires
 * (`@external` there, for `@requires`): the owner's field and the external copies read the same.
 * The accounts subgraph resolves `peerIds` and the accounts and contacts counts, the opportunities
 * subgraph the deals counts; the activities subgraph requires them all for the training signal.
 */
export const ADOPTION_ROW_FIELDS = {
  peerIds: 'The people this person is compared with (their team, or everyone without one), themselves included, by id',
  accountsCreated: 'Accounts they created in the window that still exist',
  accountsUpdated: 'Distinct live accounts they changed in the window (one count per account, however many changes)',
  contactsCreated: 'Contacts they created in the window that still exist',
  contactsUpdated: 'Distinct live contacts they changed in the window',
  opportunitiesCreated: 'Deals they created in the window that still exist',
  opportunitiesUpdated: 'Distinct live deals they changed in the window (a stage move is a change; one count per deal, however many changes)',
  peerAccountUsage:
    'For each of `peerIds`, in order: the accounts and contacts they created plus those they changed in the window (the accounts part of their usage score)',
  peerOpportunityUsage: 'For each of `peerIds`, in order: the deals they created plus those they changed in the window (the deals part of their usage score)',
} as const;
