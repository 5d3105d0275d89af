import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { NotFoundError } from '@crm/kernel';
import { paginate, type SubgraphRoute } from '@crm/kernel/subgraph';
import { stringify } from 'csv-stringify';
import type { Context } from '../context';
import type { SegmentRules } from './segment-rules.type';
import { accountSortOrder } from '../accounts/account-order.input';
import { memberExportDetails, segmentMembersQuery } from './segment.queries';
import { storedSegmentRules } from './validate-segment-rules';
import { formattedCell, phoneCell, textCell } from './csv-cell';

/** Members read per query: each batch is one keyset page (`paginate`) plus one query for its owners, interactions and contacts. */
export const EXPORT_BATCH_SIZE = 1000;

/**
 * The CSV columns, in order: key in a row, header in the file, and how a value becomes a cell
 * (csv-cell.ts): text from user data is neutralised for spreadsheets, what the export formats itself
 * is written as it is.
 */
export const SEGMENT_CSV_COLUMNS = [
  { key: 'id', header: 'account_id', cell: textCell },
  { key: 'name', header: 'name', cell: textCell },
  { key: 'market', header: 'market', cell: textCell },
  { key: 'tier', header: 'tier', cell: textCell },
  { key: 'lifecycle', header: 'lifecycle', cell: textCell },
  { key: 'country', header: 'country', cell: textCell },
  { key: 'industry', header: 'industry', cell: textCell },
  { key: 'annualRevenue', header: 'annual_revenue', cell: formattedCell },
  { key: 'annualRevenueCurrency', header: 'annual_revenue_currency', cell: textCell },
  { key: 'ownerEmail', header: 'owner_email', cell: textCell },
  { key: 'lastInteractionAt', header: 'last_interaction_at', cell: formattedCell },
  { key: 'contactName', header: 'contact_name', cell: textCell },
  { key: 'contactEmail', header: 'contact_email', cell: textCell },
  { key: 'contactPhone', header: 'contact_phone', cell: phoneCell },
] as const;

type CsvRow = Record<(typeof SEGMENT_CSV_COLUMNS)[number]['key'], string | null>;

interface Batch {
  rows: CsvRow[];
  /** Cursor after the batch's last member, or null when it was the last batch. */
  next: string | null;
}

/** A row's values as the file's cells, each through its column's `cell`. */
function cells(values: CsvRow): CsvRow {
  const row = {} as CsvRow;
  for (const { key, cell } of SEGMENT_CSV_COLUMNS) row[key] = cell(values[key]);
  return row;
}

/**
 * One batch of members after `after`, in the order of `Segment.members` (name, then id): a keyset page
 * of accounts through `paginate` (so the read rule and soft delete apply exactly as for `members`),
 * then one query for each member's owner e-mail, last interaction and first contact (`memberExportDetails`).
 */
async function readBatch(ctx: Context, rules: SegmentRules, after: string | null): Promise<Batch> {
  const page = await paginate(segmentMembersQuery(ctx.db, rules, ctx.principal), accountSortOrder(), { first: EXPORT_BATCH_SIZE, after });
  const accounts = page.edges.map((edge) => edge.node);
  if (accounts.length === 0) return { rows: [], next: null };
  const details = await memberExportDetails(ctx.db, ctx.principal, accounts.map((account) => account.id));
  const byId = new Map(details.map((row) => [row.accountId, row]));
  const rows = accounts.map((account): CsvRow => {
    const more = byId.get(account.id);
    const last = more?.lastInteractionAt ?? null;
    return cells({
      id: account.id,
      name: account.name,
      market: account.market,
      tier: account.tier,
      lifecycle: account.lifecycle,
      country: account.country,
      industry: account.industry,
      annualRevenue: account.annualRevenueAmount,
      annualRevenueCurrency: account.annualRevenueCurrency,
      ownerEmail: more?.ownerEmail ?? null,
      lastInteractionAt: last ? new Date(last).toISOString() : null,
      contactName: more?.contact?.name ?? null,
      contactEmail: more?.contact?.email ?? null,
      contactPhone: more?.contact?.phone ?? null,
    });
  });
  return { rows, next: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null };
}

/** Every member, batch after batch; the next batch is read only when the stream asks for more rows. */
async function* members(ctx: Context, rules: SegmentRules, first: Batch): AsyncGenerator<CsvRow> {
  let batch = first;
  for (;;) {
    yield* batch.rows;
    if (!batch.next) return;
    batch = await readBatch(ctx, rules, batch.next);
  }
}

/** `attachment` with the segment's name as file name: an ASCII fallback and the exact name in UTF-8 (RFC 6266, RFC 5987). */
export function attachmentHeader(name: string): string {
  const fallback = name.replace(/[^\w .-]/g, '_').trim() || 'segment';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}.csv"; filename*=UTF-8''${encoded}.csv`;
}

/**
 * `GET /exports/segments/:id.csv`: every member of a segment as CSV (README, "Segments"), streamed.
 * Everything that can fail early — unknown, deleted or unreadable segment (404), saved rules that no
 * longer validate (400), the first query — fails before the first byte, as JSON with a code. Then the
 * members are written in keyset batches of EXPORT_BATCH_SIZE with backpressure: the next batch is
 * queried only when the client has taken the rows before it, so memory holds about one batch, whatever
 * the segment's size. Text from user data is neutralised for spreadsheets (csv-cell.ts), then escaped
 * by csv-stringify (RFC 4180). A client that goes away stops the queries.
 */
export const segmentCsvRoute: SubgraphRoute<Context> = {
  path: '/exports/segments/:file',
  async handle({ params, signal }, response, ctx) {
    const id = /^(.+)\.csv$/.exec(params.file ?? '')?.[1] ?? '';
    const segment = await ctx.loaders.segmentById.load(id);
    if (!segment) throw new NotFoundError('Segment', id);
    const rules = storedSegmentRules(segment);
    const started = Date.now();
    const first = await readBatch(ctx, rules, null);
    response.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': attachmentHeader(segment.name),
      'cache-control': 'no-store',
    });
    let count = 0;
    const counted = async function* (rows: AsyncGenerator<CsvRow>) {
      for await (const row of rows) {
        count += 1;
        yield row;
      }
    };
    await pipeline(
      Readable.from(counted(members(ctx, rules, first))),
      stringify({ header: true, columns: SEGMENT_CSV_COLUMNS.map(({ key, header }) => ({ key, header })) }),
      response,
      { signal },
    );
    ctx.logger.info({ segmentId: segment.id, rows: count, ms: Date.now() - started }, 'segment exported as CSV');
  },
};
