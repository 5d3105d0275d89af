import type { Book } from './book';

/**
 * `records` shared with their owner's team, as the API shares a new deal or activity with its
 * creator's team: the book knows each owner's team, the services that keep these records only the
 * team id. An owner without a team leaves the record unshared (`teamId` null).
 */
export function sharedWithOwnersTeam<R extends { ownerId: string }>(book: Pick<Book, 'users'>, records: readonly R[]): (R & { teamId: string | null })[] {
  const teamOfUser = new Map(book.users.map((user) => [user.id, user.teamId]));
  return records.map((record) => ({ ...record, teamId: teamOfUser.get(record.ownerId) ?? null }));
}
