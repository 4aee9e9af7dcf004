/**
 * `progress export --format revlog-csv` and `progress import FILE --format revlog-csv --pack ID`
 * (issue 13): a learner's history out as the FSRS optimizer's CSV and back in, through the real
 * progress store on disk and the built CLI.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NewEvent } from '../../src/domain/progress/events.js';
import { newCardState, schedule, type CardState, type Rating } from '../../src/domain/scheduler/fsrs-adapter.js';
import { dayKey, utcOffset } from '../../src/domain/time/day.js';
import type { Pack } from '../../src/domain/pack/types.js';
import { rateCard, undoReview, type StudyContext } from '../../src/domain/study/actions.js';
import { loadPack } from '../../src/store/pack/load-pack.js';
import { openProgressStore } from '../../src/store/progress/progress-store.js';
import { progressFiles } from '../helpers/progress-files.js';
import { BUNDLED_PACK, runCli, tempDir } from '../helpers/run-cli.js';
import { readStore } from '../helpers/stores.js';
import { mulberry32 } from '../helpers/simulated-learner.js';

const PACK = 'aws-dop-c02';
const env = (dir: string) => ({ EXAMDRILL_DATA_DIR: dir });
const DAY = 86_400_000;

let items: { id: string; kind: 'card' | 'question' }[] = [];
let pack: Pack;
beforeAll(async () => {
  const loaded = await loadPack(BUNDLED_PACK);
  if (!loaded.ok) throw new Error('the bundled pack does not load');
  pack = loaded.pack;
  items = [...loaded.pack.cards.slice(0, 12).map((c) => ({ id: c.id, kind: 'card' as const })), ...loaded.pack.questions.slice(0, 8).map((q) => ({ id: q.id, kind: 'question' as const }))];
});

/** A seeded history of 20 real items, 6 answers each over some weeks, as study events. */
function history(): NewEvent[] {
  const random = mulberry32(5);
  const states = new Map<string, CardState>();
  const out: NewEvent[] = [];
  let t = Date.UTC(2026, 9, 1, 9);
  for (let round = 0; round < 6; round += 1) {
    for (const item of items) {
      t += 60_000 + Math.floor(random() * 600_000);
      const at = new Date(t);
      const rating = (random() < 0.2 ? 1 : random() < 0.2 ? 2 : random() < 0.8 ? 3 : 4) as Rating;
      const before = states.get(item.id) ?? newCardState(at);
      const done = schedule(before, at, rating);
      states.set(item.id, done.state);
      out.push({ type: 'review', at: at.toISOString(), day: dayKey(at, utcOffset), item: item.id, kind: item.kind, mode: 'study', rating, correct: rating > 1, ms: 3000 + Math.floor(random() * 9000), phaseBefore: done.phaseBefore, elapsedDays: done.elapsedDays, after: done.state, prev: null });
    }
    t += (2 + round * 3) * DAY;
  }
  return out;
}

async function machine(events: readonly NewEvent[]): Promise<string> {
  const dir = tempDir();
  const store = await openProgressStore(dir, PACK, { autoFlush: false });
  store.recordMany(events);
  // A cram answer (out of the schedule) and an undone answer: neither is in the export.
  const last = new Date(Date.parse(events.at(-1)!.at) + 60_000);
  store.record({ type: 'review', at: last.toISOString(), day: dayKey(last, utcOffset), item: items[0]!.id, kind: 'card', mode: 'cram', rating: 1, correct: false, ms: 1000, phaseBefore: 'review', elapsedDays: 0, after: null, prev: null });
  let tick = last.getTime();
  const ctx: StudyContext = { pack, port: store, clock: { now: () => new Date((tick += 60_000)), offset: utcOffset } };
  undoReview(ctx, rateCard(ctx, pack.cards[0]!, 1, 2000, 'study'));
  await store.close();
  return dir;
}

const stateOf = (dir: string) => readStore(dir, PACK, (state) => structuredClone(state));

describe('progress export --format revlog-csv', () => {
  it('writes one row per scheduled answer, with a stable card_id and the item_id to come back by', async () => {
    const events = history();
    const dir = await machine(events);
    const r = await runCli(['progress', 'export', '--format', 'revlog-csv', '--pack', PACK], { env: env(dir) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('card_id,review_time,review_rating,review_state,review_duration,item_id');
    expect(lines).toHaveLength(1 + events.length);
    const rows = lines.slice(1).map((l) => l.split(','));
    // The first answer of each item is from state 0 (new); card ids follow first answers.
    const first = rows.find((row) => row[5] === items[3]!.id)!;
    expect(first[3]).toBe('0');
    expect(first[0]).toBe('4');
    expect(new Set(rows.filter((row) => row[5] === items[3]!.id).map((row) => row[0]))).toEqual(new Set(['4']));
    const e = events[0]! as Extract<NewEvent, { type: 'review' }>;
    expect(rows[0]).toEqual(['1', String(Date.parse(e.at)), String(e.rating), '0', String(e.ms), e.item]);
  });
});

describe('progress import --format revlog-csv', () => {
  it('round-trips: a fresh machine gets the same answers and memory states; importing twice adds nothing', async () => {
    const events = history();
    const source = await machine(events);
    const file = join(tempDir(), 'revlog.csv');
    const out = await runCli(['progress', 'export', '--format', 'revlog-csv', '--pack', PACK, '--out', file], { env: env(source) });
    expect(out.stdout).toContain(`${PACK}: wrote ${events.length} reviews of 20 items to ${file}`);

    const fresh = tempDir();
    const first = await runCli(['progress', 'import', file, '--format', 'revlog-csv', '--pack', PACK], { env: env(fresh) });
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe(`${PACK}: ${events.length} reviews added, 0 reviews already here.\n`);
    const a = await stateOf(source);
    const b = await stateOf(fresh);
    for (const { id, kind } of items) {
      const pa = a.items[id]!;
      const pb = b.items[id]!;
      expect(pb.kind, id).toBe(kind);
      expect(pb.seen, id).toBe(6);
      expect([pb.card?.reps, pb.card?.lapses, pb.card?.phase, pb.card?.lastReview], id).toEqual([pa.card?.reps, pa.card?.lapses, pa.card?.phase, pa.card?.lastReview]);
      expect(pb.card!.stability, id).toBeCloseTo(pa.card!.stability, 9);
      expect(pb.card!.difficulty, id).toBeCloseTo(pa.card!.difficulty, 9);
    }
    // Through the log like any answer.
    const log = readFileSync(progressFiles(fresh, PACK).log, 'utf8').trim().split('\n');
    expect(log.filter((l) => l.includes('"type":"review"'))).toHaveLength(events.length);

    const again = await runCli(['progress', 'import', file, '--format', 'revlog-csv', '--pack', PACK], { env: env(fresh) });
    expect(again.stdout).toBe(`${PACK}: 0 reviews added, ${events.length} reviews already here.\n`);
    expect(readFileSync(progressFiles(fresh, PACK).log, 'utf8').trim().split('\n')).toHaveLength(log.length);
    // Into the machine it came from: all already there.
    const home = await runCli(['progress', 'import', file, '--format', 'revlog-csv', '--pack', PACK, '--json'], { env: env(source) });
    expect(JSON.parse(home.stdout)).toMatchObject({ added: 0, alreadyHere: events.length, unknownItems: [] });
  });

  it('refuses a CSV without item_id, and a bad row by its line, changing nothing', async () => {
    const dir = await machine(history());
    const log = progressFiles(dir, PACK).log;
    const before = readFileSync(log);
    const csv = join(tempDir(), 'anki.csv');
    writeFileSync(csv, 'card_id,review_time,review_rating,review_state,review_duration\n1,1764662400000,3,0,5000\n');
    const noMap = await runCli(['progress', 'import', csv, '--format', 'revlog-csv', '--pack', PACK], { env: env(dir) });
    expect(noMap.code).toBe(2);
    expect(noMap.stderr).toBe(
      `examdrill: ${csv}:1: no item_id column (the header has card_id, review_time, review_rating, review_state, review_duration), so nothing says which item each card_id is\n` +
        "Add an item_id column with the pack's item ids (a file from `examdrill progress export --format revlog-csv` has one); nothing was changed.\n",
    );
    writeFileSync(csv, `card_id,review_time,review_rating,review_state,review_duration,item_id\n1,1764662400000,3,0,5000,${items[0]!.id}\n1,1764662460000,5,2,5000,${items[0]!.id}\n`);
    const bad = await runCli(['progress', 'import', csv, '--format', 'revlog-csv', '--pack', PACK], { env: env(dir) });
    expect(bad.code).toBe(2);
    expect(bad.stderr.split('\n')[0]).toBe(`examdrill: ${csv}:3: review_rating "5" is not 1, 2, 3 or 4 (Again, Hard, Good, Easy)`);
    expect(readFileSync(log).equals(before)).toBe(true);
    const noPack = await runCli(['progress', 'import', csv, '--format', 'revlog-csv'], { env: env(dir) });
    expect(noPack.code).toBe(2);
    expect(noPack.stderr).toMatch(/^examdrill: progress import --format revlog-csv needs --pack/);
  });

  it('leaves out and counts rows of items the pack does not have', async () => {
    const csv = join(tempDir(), 'mixed.csv');
    writeFileSync(csv, `card_id,review_time,review_rating,review_state,review_duration,item_id\n1,1764662400000,3,0,5000,${items[0]!.id}\n2,1764662460000,1,0,5000,gone-item\n`);
    const dir = tempDir();
    const r = await runCli(['progress', 'import', csv, '--format', 'revlog-csv', '--pack', PACK], { env: env(dir) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${PACK}: 1 review added, 0 reviews already here; left out 1 review of 1 item not in ${PACK} (gone-item).\n`);
  });
});
