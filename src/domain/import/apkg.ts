/**
 * An Anki collection (read from an .apkg or .colpkg by src/store/import/apkg-reader.ts) as a pack:
 *
 * - Notes become cards. Basic: the first field is the front, the second the back. A note type
 *   with more templates (Basic and reversed, optional reversed) gives one more card for each card
 *   the collection has of it: the template's first field on the front, the first field on the back.
 *   Cloze: one card per deletion number (`{{c1::...}}`), the deletion hidden (or its hint shown) on
 *   the front, revealed on the back with the other fields. Any other note type: the first field
 *   is the front, the other non-empty fields the back.
 * - A note's deck (of its first card) is its topic; the top-level deck is the topic's domain, so
 *   `AWS::Lambda` and `AWS::SQS` are two topics of the domain `AWS`. Tags are kept.
 * - Fields are HTML, turned into the pack's Markdown-lite: bold, emphasis, code, lists and line
 *   breaks kept; scripts and styles dropped; entities decoded. An image is kept as
 *   `(image: name.png)` and a sound as `(audio: name.mp3)`; the file is copied into `media/`.
 * - Ids come from the note's guid, which Anki keeps when a deck is updated and shared again:
 *   re-importing an updated deck gives every note its old id, and so keeps a learner's progress.
 *
 * Pure: the pack comes out as data (as `toPack`'s does) for the CLI to write.
 */
import { QUESTION_MODEL } from '../export/apkg.js';
import { buildReview } from '../study/review.js';
import { DEFAULT_SCHEDULER, type Rating, type SchedulerSettings } from '../scheduler/fsrs-adapter.js';
import type { Card } from '../pack/types.js';
import type { ItemProgress, ReviewPayload } from '../progress/events.js';
import { applyEvent, emptyProgress } from '../progress/state.js';
import { checkCard, cleanText, htmlToMarkdownLite, cardKey, keyedItemId, manifestHead, shortHash, slugify, type CardData, type ImportedPack, type ItemFileData, type ManifestData } from './to-pack.js';

/** A note type, as Anki's `col.models` JSON (or its `notetypes` table) describes it. */
export interface AnkiModel {
  readonly name: string;
  /** 0: standard, 1: cloze. */
  readonly type: number;
  readonly fields: readonly string[];
  /** Each template's question format (`{{Front}}`), in `ord` order. */
  readonly templates: readonly string[];
}

export interface AnkiNote {
  readonly id: number;
  readonly guid: string;
  readonly mid: number;
  /** Space-separated, as Anki stores them. */
  readonly tags: string;
  /** Fields, split at Anki's 0x1f separator. */
  readonly fields: readonly string[];
}

export interface AnkiCard {
  readonly id: number;
  readonly nid: number;
  readonly did: number;
  readonly ord: number;
}

/** One row of the review log. */
export interface AnkiReview {
  /** Milliseconds since the epoch: when the answer was given. */
  readonly id: number;
  readonly cid: number;
  /** 1 Again, 2 Hard, 3 Good, 4 Easy; 0 for a manual reschedule. */
  readonly ease: number;
  /** Milliseconds the answer took. */
  readonly time: number;
  /** 0 learn, 1 review, 2 relearn, 3 filtered (cram), 4 manual, 5 rescheduled. */
  readonly type: number;
}

/** What the reader hands over. */
export interface AnkiCollection {
  readonly models: ReadonlyMap<number, AnkiModel>;
  /** Deck id to its full name, parts joined by `::`. */
  readonly decks: ReadonlyMap<number, string>;
  readonly notes: readonly AnkiNote[];
  readonly cards: readonly AnkiCard[];
  /** Media file names the package holds. */
  readonly media: ReadonlySet<string>;
}

/** A note or card left out, or changed on the way in. */
export interface ApkgWarning {
  /** The note's guid. */
  readonly note: string;
  readonly message: string;
}

export interface ApkgPack extends ImportedPack {
  readonly apkgWarnings: readonly ApkgWarning[];
  /** Media file names the kept cards refer to, which the package holds. */
  readonly media: readonly string[];
  /** Anki card id to the pack item id made from it: how the review log finds its item. */
  readonly cardItems: ReadonlyMap<number, string>;
}

/** The name Anki gives a collection's first deck; its domain and topic get a plainer title. */
const DEFAULT_DECK = 'Default';
const CLOZE = /\{\{c(\d+)::([\s\S]*?)(?:::([\s\S]*?))?\}\}/g;

/** A media name that is safe to write as `media/<name>`: no folders, no dot files. */
export function safeMediaName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && !/[/\\\u0000-\u001f\u007f]/.test(name) && !name.startsWith('.');
}

/** Stable item id of a note's card: from the guid, with the card's template or deletion number. */
export function itemIdFor(guid: string, part: number): string {
  return keyedItemId(cardKey(guid, part + 1));
}

interface Made {
  readonly part: number;
  readonly front: string;
  readonly back: string;
  readonly cardIds: readonly number[];
}

/** The cards of one note. */
function cardsOfNote(note: AnkiNote, model: AnkiModel | undefined, cards: readonly AnkiCard[], refs: Set<string>): Made[] {
  const html = note.fields;
  const text = (i: number): string => htmlToMarkdownLite(html[i] ?? '', refs);
  const fieldIndex = (name: string): number => (model ? model.fields.findIndex((f) => f.toLowerCase() === name.toLowerCase()) : -1);
  const idsOf = (pred: (c: AnkiCard) => boolean): number[] => cards.filter(pred).map((c) => c.id);

  if (model?.type === 1 || (!model && CLOZE.test(html[0] ?? ''))) {
    CLOZE.lastIndex = 0;
    const source = html[0] ?? '';
    const numbers = [...new Set([...source.matchAll(CLOZE)].map((m) => Number(m[1])))].sort((a, b) => a - b);
    const extra = html
      .slice(1)
      .map((_, i) => text(i + 1))
      .filter(Boolean)
      .join('\n\n');
    return numbers.map((n) => {
      const front = htmlToMarkdownLite(
        source.replace(CLOZE, (_m, num: string, answer: string, hint: string | undefined) => (Number(num) === n ? (hint ? `[${hint}]` : '[...]') : answer)),
        refs,
      );
      const revealed = htmlToMarkdownLite(
        source.replace(CLOZE, (_m, num: string, answer: string) => (Number(num) === n ? `<b>${answer}</b>` : answer)),
        refs,
      );
      return { part: n - 1, front, back: [revealed, extra].filter(Boolean).join('\n\n'), cardIds: idsOf((c) => c.ord === n - 1) };
    });
  }

  if (model?.name === QUESTION_MODEL.name) {
    // An exported examdrill question: the stem and the options ask, the answer and the whys tell.
    const join = (from: number, to: number): string => html.slice(from, to).map((_, i) => text(from + i)).filter(Boolean).join('\n\n');
    return [{ part: 0, front: join(0, 2), back: join(2, html.length), cardIds: idsOf((c) => c.ord === 0) }];
  }

  const rest = html
    .slice(1)
    .map((_, i) => text(i + 1))
    .filter(Boolean)
    .join('\n\n');
  const made: Made[] = [{ part: 0, front: text(0), back: model && model.templates.length > 1 ? text(1) : rest, cardIds: idsOf((c) => c.ord === 0) }];
  if (!model) return made;
  const ords = [...new Set(cards.map((c) => c.ord))].filter((o) => o > 0 && o < model.templates.length).sort((a, b) => a - b);
  for (const ord of ords) {
    // The template's first plain field reference (`{{Back}}`, not `{{#Add Reverse}}` or `{{FrontSide}}`).
    const names = [...(model.templates[ord] ?? '').matchAll(/\{\{([^#^/!}][^}]*)\}\}/g)].map((m) => m[1]!.replace(/^[^:]*:/, '').trim());
    const frontField = names.map(fieldIndex).find((i) => i > 0);
    if (frontField === undefined) continue;
    made.push({ part: ord, front: text(frontField), back: text(0), cardIds: idsOf((c) => c.ord === ord) });
  }
  return made;
}

/** `AWS::Lambda` → topic `aws-lambda` titled `AWS › Lambda`, of the domain `aws`. */
function topicOfDeck(name: string): { id: string; title: string; domain: string; domainTitle: string } {
  const parts = name
    .split('::')
    .map((p) => cleanText(p).replace(/\s+/g, ' '))
    .filter(Boolean);
  const clean = parts.length > 0 ? parts : [DEFAULT_DECK];
  const full = clean.join('::');
  const top = clean[0]!;
  return {
    // Each part is shortened on its own, so two subdecks of a long-named deck stay apart.
    id: clean.map((p) => slugify(p, 40)).filter(Boolean).join('-') || `deck-${shortHash(full)}`,
    title: clean.join(' › '),
    domain: slugify(top, 40) || `deck-${shortHash(top)}`,
    domainTitle: top,
  };
}

export interface ApkgMeta {
  readonly id: string;
  readonly title: string;
  readonly description?: string;
}

/** A collection as a pack: see the module comment. */
export function apkgToPack(collection: AnkiCollection, meta: ApkgMeta): ApkgPack {
  const warnings: ApkgWarning[] = [];
  const cardsByNote = new Map<number, AnkiCard[]>();
  for (const c of collection.cards) {
    const list = cardsByNote.get(c.nid);
    if (list) list.push(c);
    else cardsByNote.set(c.nid, [c]);
  }
  const domains = new Map<string, { id: string; title: string; items: number }>();
  const topics = new Map<string, { id: string; title: string; domain: string }>();
  const byTopic = new Map<string, CardData[]>();
  const taken = new Set<string>();
  const cardItems = new Map<number, string>();
  const media = new Set<string>();
  const missing = new Set<string>();
  let kept = 0;

  for (const note of collection.notes) {
    const model = collection.models.get(note.mid);
    const cards = [...(cardsByNote.get(note.id) ?? [])].sort((a, b) => a.ord - b.ord);
    const deckName = cards.length > 0 ? (collection.decks.get(cards[0]!.did) ?? DEFAULT_DECK) : DEFAULT_DECK;
    const topic = topicOfDeck(deckName);
    const refs = new Set<string>();
    const made = cardsOfNote(note, model, cards, refs);
    const tags = [...new Set(note.tags.split(/\s+/).map(cleanText).filter(Boolean))];
    const guid = cleanText(note.guid) || String(note.id);
    if (made.length === 0) warnings.push({ note: guid, message: 'skipped a cloze note with no deletion ({{c1::...}})' });
    let keptHere = 0;
    for (const m of made) {
      const checked = checkCard({ kind: 'card', line: 0, front: m.front, back: m.back, ...(tags.length > 0 ? { tags } : {}) });
      if (typeof checked === 'string') {
        warnings.push({ note: guid, message: `skipped ${checked}${model ? ` (note type ${cleanText(model.name)})` : ''}` });
        continue;
      }
      let id = itemIdFor(guid, m.part);
      if (taken.has(id)) {
        const base = id;
        for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`;
        warnings.push({ note: guid, message: `its id ${base} is taken by another note (the same guid twice?): it got ${id}` });
      }
      taken.add(id);
      for (const cid of m.cardIds) cardItems.set(cid, id);
      const list = byTopic.get(topic.id) ?? [];
      byTopic.set(topic.id, list);
      list.push({ id, front: checked.front, back: checked.back, ...(checked.tags ? { tags: checked.tags } : {}) });
      keptHere += 1;
    }
    if (keptHere === 0) continue;
    kept += keptHere;
    if (!topics.has(topic.id)) topics.set(topic.id, { id: topic.id, title: topic.title, domain: topic.domain });
    const domain = domains.get(topic.domain) ?? { id: topic.domain, title: topic.domainTitle, items: 0 };
    domain.items += keptHere;
    domains.set(topic.domain, domain);
    for (const r of refs) {
      if (collection.media.has(r) && safeMediaName(r)) media.add(r);
      else if (!missing.has(r)) {
        missing.add(r);
        warnings.push({ note: guid, message: `refers to the media file "${cleanText(r)}", which ${collection.media.has(r) ? 'has a name that cannot be a file name here' : 'the package does not hold'}: the note keeps its name` });
      }
    }
  }

  const manifest: ManifestData = {
    ...manifestHead(meta),
    // A domain's weight is its share of the cards, in percent.
    domains: [...domains.values()].map((d) => ({ id: d.id, title: d.title, weight: Math.max(1, Math.round((100 * d.items) / Math.max(1, kept))) })),
    topics: [...topics.values()],
  };
  const files: { path: string; data: ItemFileData }[] = [...byTopic].map(([topic, cards]) => ({ path: `items/${topic}.yaml`, data: { topic, cards } }));
  return { manifest, files, questions: 0, cards: kept, warnings: [], apkgWarnings: warnings, media: [...media].sort(), cardItems };
}

// ---------------------------------------------------------------------------------------------
// Review history

/** An event to record: a review at a time, on the learner's day. */
export interface HistoryReview {
  readonly at: string;
  readonly day: string;
  readonly review: ReviewPayload;
}

export interface HistoryResult {
  readonly reviews: readonly HistoryReview[];
  /** Revlog rows already imported (at or before the item's last answer): left out. */
  readonly alreadyKnown: number;
  /** Rows of cards not in the pack, or manual reschedules (no answer): left out. */
  readonly ignored: number;
}

export interface HistoryOptions {
  /** Whether an item is a card or a question (an Anki deck holds cards only). */
  readonly kindOf?: (item: string) => 'card' | 'question';
  /** The learner's scheduler settings (parameters, steps); never fuzzed, so a replay is exact. */
  readonly scheduler?: SchedulerSettings;
}

/**
 * The review log replayed through examdrill's scheduler, card by card in time order, as the
 * reviews a learner would have made. A row at or before the item's last recorded answer is
 * already in the progress (an earlier import): importing twice adds nothing. `dayOf` gives the
 * learner's day of a time (their time zone's 4 a.m. boundary).
 */
export function historyReviews(
  revlog: readonly AnkiReview[],
  cardItems: ReadonlyMap<number, string>,
  progress: Readonly<Record<string, ItemProgress>>,
  dayOf: (at: Date) => string,
  options: HistoryOptions = {},
): HistoryResult {
  const kindOf = options.kindOf ?? (() => 'card' as const);
  const scheduler = { ...(options.scheduler ?? DEFAULT_SCHEDULER), fuzz: false };
  const rows = [...revlog].sort((a, b) => a.id - b.id);
  // A scratch state holding only the items the log touches, folded as the store will fold them.
  const scratch = emptyProgress();
  for (const item of new Set(rows.map((r) => cardItems.get(r.cid)))) {
    if (item !== undefined && progress[item]) scratch.items[item] = progress[item];
  }
  const reviews: HistoryReview[] = [];
  let alreadyKnown = 0;
  let ignored = 0;
  for (const row of rows) {
    const item = cardItems.get(row.cid);
    if (item === undefined || row.ease < 1 || row.ease > 4 || row.type === 4 || row.type === 5 || !Number.isFinite(row.id)) {
      ignored += 1;
      continue;
    }
    const now = new Date(row.id);
    const at = now.toISOString();
    const prev = scratch.items[item];
    if (prev?.lastAt !== undefined && at <= prev.lastAt) {
      alreadyKnown += 1;
      continue;
    }
    const rating = row.ease as Rating;
    const review = buildReview({
      // buildReview reads only the item's id and kind.
      item: { id: item, kind: kindOf(item) } as Card,
      progress: prev,
      now,
      rating,
      correct: rating > 1,
      mode: 'study',
      ms: Math.min(Math.max(0, row.time), 3_600_000),
      scheduler,
      examStart: null,
    });
    const day = dayOf(now);
    reviews.push({ at, day, review });
    applyEvent(scratch, { type: 'review', id: '', at, day, ...review });
  }
  return { reviews, alreadyKnown, ignored };
}
