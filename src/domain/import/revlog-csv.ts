/**
 * Reads a revlog CSV (the FSRS optimizer's format; see export/revlog-csv.ts) that carries an
 * `item_id` column mapping each card to an item of a pack. Columns are found by their header
 * names, in any order; others are ignored. Every row is checked before anything is imported:
 * the first bad one is reported with its line number.
 */
import { ID_PATTERN } from '../pack/schema.js';

export interface RevlogRow {
  /** 1-based line in the file. */
  readonly line: number;
  readonly cardId: number;
  /** Milliseconds since the epoch. */
  readonly at: number;
  readonly rating: 1 | 2 | 3 | 4;
  readonly durationMs: number;
  readonly item: string;
}

export type RevlogParse =
  | { readonly ok: true; readonly rows: readonly RevlogRow[] }
  | { readonly ok: false; readonly line: number; readonly message: string; readonly hint: string };

const REQUIRED = ['card_id', 'review_time', 'review_rating', 'item_id'] as const;

/** Review times before 2006 (before Anki) or past 2100 are not milliseconds since the epoch. */
const EARLIEST = Date.UTC(2006, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

export function parseRevlogCsv(text: string): RevlogParse {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase());
  const col = (name: string) => header.indexOf(name);
  if (col('item_id') < 0) {
    return {
      ok: false,
      line: 1,
      message: `no item_id column (the header has ${header.filter(Boolean).join(', ') || 'nothing'}), so nothing says which item each card_id is`,
      hint: 'Add an item_id column with the pack\'s item ids (a file from `examdrill progress export --format revlog-csv` has one); nothing was changed.',
    };
  }
  const missing = REQUIRED.filter((name) => col(name) < 0);
  if (missing.length) return { ok: false, line: 1, message: `the header lacks ${missing.join(', ')}`, hint: `The columns are: card_id,review_time,review_rating,review_state,review_duration,item_id; nothing was changed.` };
  const rows: RevlogRow[] = [];
  const hint = 'Fix or remove that line and import again; nothing was changed.';
  for (let i = 1; i < lines.length; i += 1) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    const cells = raw.split(',').map((c) => c.trim().replace(/^"|"$/g, ''));
    const line = i + 1;
    const int = (name: string) => {
      const k = col(name);
      const v = k >= 0 ? cells[k] : undefined;
      return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined;
    };
    const cardId = int('card_id');
    const at = int('review_time');
    const rating = int('review_rating');
    const duration = col('review_duration') >= 0 ? int('review_duration') : 0;
    const item = cells[col('item_id')] ?? '';
    if (cells.length < header.length) return { ok: false, line, message: `${cells.length} columns where the header has ${header.length}`, hint };
    if (cardId === undefined) return { ok: false, line, message: `card_id "${cells[col('card_id')]}" is not a whole number`, hint };
    if (at === undefined || at < EARLIEST || at > LATEST) return { ok: false, line, message: `review_time "${cells[col('review_time')]}" is not a time in milliseconds since 1970 (such as 1764662400000)`, hint };
    if (rating === undefined || rating < 1 || rating > 4) return { ok: false, line, message: `review_rating "${cells[col('review_rating')]}" is not 1, 2, 3 or 4 (Again, Hard, Good, Easy)`, hint };
    if (duration === undefined || duration < 0) return { ok: false, line, message: `review_duration "${cells[col('review_duration')]}" is not a number of milliseconds`, hint };
    if (!ID_PATTERN.test(item)) return { ok: false, line, message: `item_id "${item.slice(0, 60)}" is not an item id (lowercase letters, digits and hyphens)`, hint };
    rows.push({ line, cardId, at, rating: rating as RevlogRow['rating'], durationMs: duration, item });
  }
  return { ok: true, rows };
}
