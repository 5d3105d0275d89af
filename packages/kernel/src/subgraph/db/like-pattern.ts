/** `%term%` for a case-insensitive LIKE on lower(column), with LIKE's wildcards in `term` escaped. */
export function containsPattern(term: string): string {
  return `%${term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
