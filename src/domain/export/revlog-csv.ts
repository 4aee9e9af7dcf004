/**
 * A learner's review history as the FSRS optimizer's CSV (the revlog format of fsrs-rs and the
 * srs-benchmark), plus an `item_id` column so the file can come back in:
 *
 *   card_id,review_time,review_rating,review_state,review_duration,item_id
 *   1,1764662400000,3,0,5200,eb-cron-c-file-name
 *
 * One row per answer that stands (undone ones left out), cards and questions alike, from study,
 * quiz and exams; cram answers are out of the schedule and left out, as the optimizer leaves out
 * Anki's filtered reviews. card_id numbers the items in the order of their first answer, so it is
 * the same in every export of a growing history; review_time is milliseconds since the epoch;
 * review_state is the phase before the answer (0 new, 1 learning, 2 review, 3 relearning);
 * review_duration is milliseconds.
 */
import type { ProgressEvent, ReviewPayload } from '../progress/events.js';
import type { CardPhase } from '../scheduler/fsrs-adapter.js';

export const REVLOG_HEADER = ['card_id', 'review_time', 'review_rating', 'review_state', 'review_duration', 'item_id'] as const;

export const STATE_CODES: Record<CardPhase, number> = { new: 0, learning: 1, review: 2, relearning: 3 };

export interface RevlogExport {
  readonly csv: string;
  readonly rows: number;
  readonly items: number;
}

export function revlogCsv(events: readonly ProgressEvent[]): RevlogExport {
  const undone = new Set<string>();
  for (const e of events) if (e.type === 'undo') undone.add(e.target);
  const rows: { at: string; r: ReviewPayload }[] = [];
  for (const e of events) {
    if (e.type === 'review' && !undone.has(e.id)) rows.push({ at: e.at, r: e });
    else if (e.type === 'exam-end') for (const r of e.reviews) rows.push({ at: e.at, r });
  }
  const standing = rows.filter(({ r }) => r.mode !== 'cram' && r.after !== null);
  // A stable sort: answers of one exam share its time and keep their order.
  standing.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  const ids = new Map<string, number>();
  const lines = [REVLOG_HEADER.join(',')];
  for (const { at, r } of standing) {
    let id = ids.get(r.item);
    if (id === undefined) {
      id = ids.size + 1;
      ids.set(r.item, id);
    }
    lines.push([id, Date.parse(at), r.rating, STATE_CODES[r.phaseBefore], Math.max(0, Math.round(r.ms)), r.item].join(','));
  }
  return { csv: `${lines.join('\n')}\n`, rows: standing.length, items: ids.size };
}
