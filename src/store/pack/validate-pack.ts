/**
 * Turns a pack's files into a Pack, or into every problem found, each located at its
 * file:line:column. Loaded lazily: it is the only code path that needs yaml and zod.
 */
import { createHash } from 'node:crypto';
import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { formatPath, sortIssues, type PackIssue } from '../../domain/pack/issues.js';
import { cardSchema, domainSchema, itemFileShapeSchema, manifestShapeSchema, questionSchema, topicSchema, type PartInput, type QuestionInput } from '../../domain/pack/schema.js';
import { DEFAULT_EXAM, isChoice, type Card, type Pack, type PartBody, type Question, type QuestionBody, type SourcePos } from '../../domain/pack/types.js';
import { CONTROL_CHARS_GLOBAL, describeControlChar } from '../../domain/text/control-chars.js';
import { closestWord } from '../../domain/text/closest-word.js';
import { compareVersions } from '../../domain/pack/option-moves.js';
import { keyNodeAt, nodeAt, offsetToLineCol, positionOf } from './positions.js';
import { MAX_FILE_BYTES, type PackFile } from './read-pack-files.js';
import { packDigest } from './pack-digest.js';

/** YAML aliases allowed per file: enough for real packs, far too few for a "billion laughs" file. */
const MAX_ALIASES = 100;
/** Raw control characters reported per file before the rest are summarised. */
const MAX_CONTROL_REPORTS = 10;

export interface ValidationResult {
  readonly pack?: Pack;
  readonly issues: readonly PackIssue[];
}

interface ParsedFile {
  readonly path: string;
  readonly doc: Document;
  readonly lines: LineCounter;
  readonly value: unknown;
  /** A literal control character was found (and reported) in the raw text. */
  readonly rawControl: boolean;
}

export function validatePackFiles(files: readonly PackFile[]): ValidationResult {
  const issues: PackIssue[] = [];
  const error = (file: string, at: { line: number; column: number }, path: string, message: string): void => {
    issues.push({ file, line: at.line, column: at.column, path, message, severity: 'error' });
  };
  const start = { line: 1, column: 1 };

  if (!files.some((f) => f.path === 'pack.yaml')) {
    error('pack.yaml', start, '', 'missing pack.yaml: every pack folder needs one (run `examdrill pack new DIR` for a template)');
  }

  /** Parses one file, reporting its syntax problems; undefined when it cannot be checked further. */
  const parseFile = (file: PackFile): ParsedFile | undefined => {
    if (!file.bytes) {
      error(file.path, start, '', `file is ${(file.size / 1024 / 1024).toFixed(1)} MB, over the ${MAX_FILE_BYTES / 1024 / 1024} MB limit: split it into smaller files`);
      return undefined;
    }
    let text = file.bytes.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const lines = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, strict: true });
    const fileIssuesBefore = issues.length;
    reportRawControlChars(text, lines, (at, message) => error(file.path, at, '', message));
    const rawControl = issues.length > fileIssuesBefore;
    for (const e of doc.errors) {
      error(file.path, offsetToLineCol(lines, e.pos[0]), '', `YAML syntax: ${firstLine(e.message)}`);
    }
    if (doc.errors.length > 0) return undefined;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
      const message = e instanceof Error && /alias/i.test(e.message) ? `too many YAML aliases (over ${MAX_ALIASES}): the file expands like an alias bomb` : `YAML: ${e instanceof Error ? e.message : String(e)}`;
      error(file.path, start, '', message);
      return undefined;
    }
    if (value === null || value === undefined) {
      error(file.path, start, '', 'the file is empty');
      return undefined;
    }
    return { path: file.path, doc, lines, value, rawControl };
    };

  const manifestSource = files.find((f) => f.path === 'pack.yaml');
  const manifestFile = manifestSource ? parseFile(manifestSource) : undefined;
  const manifest = manifestFile ? checkManifest(manifestFile, issues) : undefined;
  // Item files are parsed one at a time as the loop below asks for them, so only one parsed
  // document is alive at once (a 2.7 MB pack kept 45-75 MB of documents alive otherwise).
  function* itemFiles(): Generator<{ file: ParsedFile; data: ReturnType<typeof checkItemFile> }> {
    for (const source of files) {
      if (source.path === 'pack.yaml') continue;
      const file = parseFile(source);
      if (file) yield { file, data: checkItemFile(file, issues) };
    }
  }

  const topicDomain = new Map<string, string>();
  if (manifest && manifestFile) {
    const at = (path: PropertyKey[]) => positionOf(nodeAt(manifestFile.doc, path).node, manifestFile.lines);
    const domainIds = new Set(manifest.domainIds);
    const firstDomain = new Map<string, number>();
    manifest.domains.forEach(({ index: i, item: d }) => {
      if (firstDomain.has(d.id)) error('pack.yaml', at(['domains', i, 'id']), `domains[${i}].id`, `duplicate domain id \`${d.id}\``);
      else firstDomain.set(d.id, i);
    });
    if (manifest.domains.length > 0 && manifest.domains.every(({ item }) => item.weight === 0)) {
      error('pack.yaml', at(['domains']), 'domains', 'every domain weight is 0: at least one must be positive');
    }
    for (const id of manifest.topicIds) topicDomain.set(id, '');
    const firstTopic = new Set<string>();
    manifest.topics.forEach(({ index: i, item: t }) => {
      if (firstTopic.has(t.id)) error('pack.yaml', at(['topics', i, 'id']), `topics[${i}].id`, `duplicate topic id \`${t.id}\``);
      if (!domainIds.has(t.domain)) {
        error('pack.yaml', at(['topics', i, 'domain']), `topics[${i}].domain`, `unknown domain \`${t.domain}\`${suggest(t.domain, [...domainIds])}`);
      }
      firstTopic.add(t.id);
      topicDomain.set(t.id, t.domain);
    });
  }

  const cards: Card[] = [];
  const questions: Question[] = [];
  const seen = new Map<string, SourcePos>();
  /** `siblings:` entries as written, checked once every id is known. */
  const siblingRefs: { id: string; sibling: string; file: string; at: { line: number; column: number }; path: string }[] = [];
  for (const { file, data } of itemFiles()) {
    if (!data) continue;
    const at = (path: PropertyKey[]) => positionOf(nodeAt(file.doc, path).node, file.lines);
    const fileTopicKnown = data.topic === undefined || !manifest || topicDomain.has(data.topic);
    if (!fileTopicKnown && data.topic) {
      error(file.path, at(['topic']), 'topic', `unknown topic \`${data.topic}\`${suggest(data.topic, [...topicDomain.keys()])}`);
    }
    const visit = (kind: 'cards' | 'questions', index: number, item: { id: string; topic?: string }): { topic: string; source: SourcePos } | undefined => {
      const source = { file: file.path, ...at([kind, index]), path: `${kind}[${index}]` };
      const idPos = at([kind, index, 'id']);
      const first = seen.get(item.id);
      if (first) error(file.path, idPos, `${kind}[${index}].id`, `duplicate id \`${item.id}\` (first used at ${first.file}:${first.line}:${first.column})`);
      else seen.set(item.id, { file: file.path, ...idPos, path: `${kind}[${index}].id` });
      const topic = item.topic ?? data.topic;
      if (!topic) {
        error(file.path, source, `${kind}[${index}]`, 'no topic: set `topic:` at the top of the file or on the item');
        return undefined;
      }
      if (item.topic && manifest && !topicDomain.has(item.topic)) {
        error(file.path, at([kind, index, 'topic']), `${kind}[${index}].topic`, `unknown topic \`${item.topic}\`${suggest(item.topic, [...topicDomain.keys()])}`);
        return undefined;
      }
      return { topic, source };
    };
    const noteSiblings = (kind: 'cards' | 'questions', index: number, item: { id: string; siblings?: readonly string[] | undefined }): void => {
      item.siblings?.forEach((sibling, j) => siblingRefs.push({ id: item.id, sibling, file: file.path, at: at([kind, index, 'siblings', j]), path: `${kind}[${index}].siblings[${j}]` }));
    };
    data.cards.forEach(({ index: i, item: c }) => {
      noteSiblings('cards', i, c);
      const v = visit('cards', i, c);
      if (!v) return;
      cards.push({ kind: 'card', id: c.id, topic: v.topic, front: c.front, back: c.back, tags: c.tags ?? [], refs: c.refs ?? [], source: v.source, hash: hashOf([c.front, c.back]) });
    });
    data.questions.forEach(({ index: i, item: q }) => {
      noteSiblings('questions', i, q);
      const v = visit('questions', i, q);
      if (!v) return;
      questions.push(compileQuestion(q, v.topic, v.source));
    });
  }

  // Siblings are symmetric: naming one side is enough, and each item lists all of its siblings.
  const siblingsOf = new Map<string, Set<string>>();
  for (const r of siblingRefs) {
    if (r.sibling === r.id) {
      error(r.file, r.at, r.path, `\`${r.sibling}\` names the item itself: siblings are other items that teach the same fact`);
      continue;
    }
    if (!seen.has(r.sibling)) {
      error(r.file, r.at, r.path, `unknown sibling \`${r.sibling}\`${suggest(r.sibling, [...seen.keys()])}: name the id of a card or question of this pack`);
      continue;
    }
    for (const [a, b] of [[r.id, r.sibling], [r.sibling, r.id]] as const) {
      if (!siblingsOf.has(a)) siblingsOf.set(a, new Set());
      siblingsOf.get(a)!.add(b);
    }
  }
  // In place: spreading a whole pack into splice() would overflow the argument stack on big packs.
  const addSiblings = <T extends Card | Question>(items: T[]): void => {
    items.forEach((item, i) => {
      const set = siblingsOf.get(item.id);
      if (set) items[i] = { ...item, siblings: [...set].sort() };
    });
  };
  addSiblings(cards);
  addSiblings(questions);

  const optionMoves = manifest?.shape?.optionMoves;
  if (optionMoves && manifestFile && manifest?.shape) {
    const at = (path: PropertyKey[]) => positionOf(nodeAt(manifestFile.doc, path).node, manifestFile.lines);
    const byId = new Map(questions.map((q) => [q.id, q]));
    // Only a question's latest move describes its options as written now.
    const latest = new Map<string, string>();
    for (const [version, moved] of Object.entries(optionMoves)) {
      if (compareVersions(version, manifest.shape.version) > 0) continue;
      for (const id of Object.keys(moved)) if (!latest.has(id) || compareVersions(version, latest.get(id)!) > 0) latest.set(id, version);
    }
    for (const [version, moved] of Object.entries(optionMoves)) {
      if (compareVersions(version, manifest.shape.version) > 0) {
        error('pack.yaml', at(['optionMoves', version]), `optionMoves.${version}`, `optionMoves names version ${version}, newer than the pack's version ${manifest.shape.version}: moves apply from the version they were made in`);
      }
      for (const [id, order] of Object.entries(moved)) {
        const path = ['optionMoves', version, id];
        const question = byId.get(id);
        if (!question) {
          error('pack.yaml', at(path), `optionMoves.${version}.${id}`, `unknown question \`${id}\`${suggest(id, [...byId.keys()])}`);
          continue;
        }
        if (!isChoice(question)) {
          error('pack.yaml', at(path), `optionMoves.${version}.${id}`, `question \`${id}\` is a ${question.type} question: only choice questions have options to move`);
          continue;
        }
        if (latest.get(id) === version && order.length !== question.options.length) {
          error('pack.yaml', at(path), `optionMoves.${version}.${id}`, `${order.length} entries for a question with ${question.options.length} options: give one old index (or null) per option as written now`);
        }
        const old = order.filter((i): i is number => i !== null);
        if (new Set(old).size !== old.length) error('pack.yaml', at(path), `optionMoves.${version}.${id}`, 'an old option index appears twice: each old option moves to one place');
      }
    }
  }

  if (manifest && issues.length === 0 && cards.length + questions.length === 0) {
    error('pack.yaml', start, '', 'the pack is empty: add an item file with cards or questions next to pack.yaml');
  }
  const shape = manifest?.shape;
  if (issues.length > 0 || !manifest?.complete || !shape) return { issues: sortIssues(issues) };
  const pack: Pack = {
    format: 1,
    id: shape.id,
    title: shape.title,
    version: shape.version,
    ...(shape.description !== undefined ? { description: shape.description } : {}),
    ...(shape.authors !== undefined ? { authors: shape.authors } : {}),
    ...(shape.license !== undefined ? { license: shape.license } : {}),
    domains: manifest.domains.map((d) => d.item),
    topics: manifest.topics.map((t) => t.item),
    exam: { ...DEFAULT_EXAM, ...shape.exam },
    ...(shape.optionMoves !== undefined ? { optionMoves: shape.optionMoves } : {}),
    cards,
    questions,
    digest: packDigest({ cards, questions }),
  };
  return { pack, issues: [] };
}

type Card0 = z.output<typeof cardSchema>;
type Question0 = z.output<typeof questionSchema>;
interface Indexed<T> {
  readonly index: number;
  readonly item: T;
}

/** pack.yaml, checked entry by entry; `complete` when it has no problem at all. */
function checkManifest(file: ParsedFile, issues: PackIssue[]) {
  const before = issues.length;
  const shape = checkSchema(file, manifestShapeSchema, file.value, [], issues);
  const raw = (file.value ?? {}) as { domains?: unknown; topics?: unknown };
  const domains = listOf(file, domainSchema, raw.domains, ['domains'], issues);
  const topics = listOf(file, topicSchema, raw.topics, ['topics'], issues);
  // Ids of entries that failed their own checks still count as known, so one bad weight does
  // not make every topic of that domain an "unknown domain" too.
  const idsOf = (list: unknown) => (Array.isArray(list) ? list.map((e) => (e as { id?: unknown } | null)?.id).filter((id): id is string => typeof id === 'string') : []);
  return { shape, domains, topics, domainIds: idsOf(raw.domains), topicIds: idsOf(raw.topics), complete: shape !== undefined && issues.length === before };
}

/** An item file, checked item by item, so that every valid item still takes part in the cross-file checks. */
function checkItemFile(file: ParsedFile, issues: PackIssue[]): { topic?: string; cards: Indexed<Card0>[]; questions: Indexed<Question0>[] } | undefined {
  const shape = checkSchema(file, itemFileShapeSchema, file.value, [], issues);
  const raw = (file.value ?? {}) as { cards?: unknown; questions?: unknown; topic?: unknown };
  const cards = listOf(file, cardSchema, raw.cards, ['cards'], issues);
  const questions = listOf(file, questionSchema, raw.questions, ['questions'], issues);
  const topic = shape?.topic ?? (typeof raw.topic === 'string' ? raw.topic : undefined);
  return { ...(topic !== undefined ? { topic } : {}), cards, questions };
}

function listOf<S extends z.ZodType>(file: ParsedFile, schema: S, list: unknown, path: PropertyKey[], issues: PackIssue[]): Indexed<z.output<S>>[] {
  if (!Array.isArray(list)) return [];
  const out: Indexed<z.output<S>>[] = [];
  list.forEach((entry, index) => {
    const item = checkSchema(file, schema, entry, [...path, index], issues);
    if (item !== undefined) out.push({ index, item });
  });
  return out;
}

/** Validates one parsed value against a schema, turning each zod issue into a located one. */
function checkSchema<S extends z.ZodType>(file: ParsedFile, schema: S, value: unknown, prefix: readonly PropertyKey[], issues: PackIssue[]): z.output<S> | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = [...prefix, ...(issue.path as PropertyKey[])];
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeys(schema, issue.path as PropertyKey[], value);
      for (const key of issue.keys) {
        const node = keyNodeAt(file.doc, path, key) ?? nodeAt(file.doc, path).node;
        const at = positionOf(node, file.lines);
        issues.push({ file: file.path, ...at, path: formatPath(path), message: `unknown key \`${key}\`${suggest(key, allowed)}`, severity: 'error' });
      }
      continue;
    }
    // A literal control character was already reported at its exact place.
    if (file.rawControl && /control character/.test(issue.message)) continue;
    const { node, depth } = nodeAt(file.doc, path);
    const missing = depth < path.length && issue.code === 'invalid_type' && valueAt(file.value, path) === undefined;
    const message = missing ? `missing required key \`${String(path[path.length - 1])}\`` : issue.message;
    const reportPath = missing ? path.slice(0, -1) : path;
    issues.push({ file: file.path, ...positionOf(node, file.lines), path: formatPath(reportPath), message, severity: 'error' });
  }
  return undefined;
}

function reportRawControlChars(text: string, lines: LineCounter, report: (at: { line: number; column: number }, message: string) => void): void {
  const re = new RegExp(CONTROL_CHARS_GLOBAL.source, 'g');
  let count = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '\r' && text[m.index + 1] === '\n') continue; // Windows line endings are fine.
    count += 1;
    if (count <= MAX_CONTROL_REPORTS) report(offsetToLineCol(lines, m.index), `terminal control character ${describeControlChar(m[0])}: remove it (escape sequences never reach the terminal)`);
  }
  if (count > MAX_CONTROL_REPORTS) report({ line: 1, column: 1 }, `${count - MAX_CONTROL_REPORTS} more terminal control characters in this file`);
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = value;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[key as string];
  }
  return v;
}

/** Keys the schema allows at `path`, for "did you mean" hints; a union takes the option the value's `type` picks. */
function allowedKeys(schema: z.ZodType, path: readonly PropertyKey[], value: unknown): string[] {
  let s: unknown = schema;
  let v: unknown = value;
  const pick = (): void => {
    s = unwrap(s);
    const def = (s as { def?: { type?: string; options?: unknown[] } }).def;
    if (def?.type !== 'union' || !def.options) return;
    const type = (v as { type?: unknown } | null)?.type;
    s = def.options.find((o) => {
      const shape = (unwrap(o) as { def?: { shape?: Record<string, unknown> } }).def?.shape;
      const lit = (unwrap(shape?.type) as { def?: { values?: unknown[] } } | undefined)?.def?.values;
      return lit ? lit.includes(type ?? 'choice') : false;
    });
    s = unwrap(s);
  };
  for (const key of path) {
    pick();
    const def = (s as { def?: { type?: string; element?: unknown; shape?: Record<string, unknown> } } | undefined)?.def;
    if (!def) return [];
    if (def.type === 'array' && typeof key === 'number') s = def.element;
    else if (def.type === 'object' && def.shape) s = def.shape[String(key)];
    else return [];
    v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key as string] : undefined;
  }
  pick();
  const def = (s as { def?: { shape?: Record<string, unknown> } } | undefined)?.def;
  return def?.shape ? Object.keys(def.shape) : [];
}

function unwrap(s: unknown): unknown {
  let cur = s as { def?: { type?: string; innerType?: unknown; in?: unknown } } | undefined;
  while (cur?.def && (cur.def.type === 'optional' || cur.def.type === 'default' || cur.def.type === 'pipe' || cur.def.type === 'nullable')) {
    cur = (cur.def.innerType ?? cur.def.in) as typeof cur;
  }
  return cur;
}

function suggest(word: string, candidates: readonly string[]): string {
  const best = closestWord(word, candidates);
  return best ? ` (did you mean \`${best}\`?)` : candidates.length > 0 && candidates.length <= 8 ? ` (expected one of: ${candidates.join(', ')})` : '';
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

/** A validated question as the program sees it: defaults filled in, tolerance turned into a range. */
function compileQuestion(q: QuestionInput, topic: string, source: SourcePos): Question {
  const meta = {
    kind: 'question' as const,
    id: q.id,
    topic,
    ...(q.difficulty !== undefined ? { difficulty: q.difficulty } : {}),
    tags: q.tags ?? [],
    refs: q.refs ?? [],
    source,
  };
  const body: QuestionBody = q.type === 'case-study' ? { type: 'case-study', stem: q.stem, parts: q.parts.map(compilePart), ...opt('explanation', q.explanation) } : compilePart(q);
  return { ...meta, ...body, hash: bodyHash(body) } as Question;
}

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value !== undefined ? { [key]: value } : {}) as { [P in K]?: V };
}

function compilePart(q: PartInput): PartBody {
  const explanation = opt('explanation', q.explanation);
  switch (q.type) {
    case undefined:
    case 'choice': {
      const options = q.options.map((o) => ({ text: o.text, correct: o.correct === true, ...opt('why', o.why), ...opt('weight', o.weight) }));
      // A pack written before question types had no `type` key; its compiled form has none either.
      return { ...(q.type ? { type: q.type } : {}), stem: q.stem, options, shuffle: q.shuffle ?? true, ...explanation };
    }
    case 'true-false':
      return { type: q.type, stem: q.stem, answer: q.answer, ...opt('whyTrue', q.whyTrue), ...opt('whyFalse', q.whyFalse), ...explanation };
    case 'short-answer':
      return {
        type: q.type,
        stem: q.stem,
        answers: q.answers.map((a) => (typeof a === 'string' ? { text: a, weight: 100 } : { text: a.text, weight: a.weight ?? 100, ...opt('why', a.why) })),
        caseSensitive: q.caseSensitive ?? false,
        ...opt('why', q.why),
        ...explanation,
      };
    case 'numerical': {
      const range = q.range ?? { min: q.answer! - (q.tolerance ?? 0), max: q.answer! + (q.tolerance ?? 0) };
      return { type: q.type, stem: q.stem, ...opt('answer', q.answer), min: range.min, max: range.max, ...opt('why', q.why), ...explanation };
    }
    case 'matching':
      return { type: q.type, stem: q.stem, pairs: q.pairs.map((p) => ({ left: p.left, right: p.right })), distractors: q.distractors ?? [], ...opt('why', q.why), ...explanation };
    case 'ordering':
      return { type: q.type, stem: q.stem, steps: [...q.steps], ...opt('why', q.why), ...explanation };
  }
}

/**
 * The version hash of a question. A choice question hashes exactly as before question types
 * existed (learners' progress is keyed on it); the other types hash their type and own fields.
 */
function bodyHash(body: QuestionBody): string {
  return hashOf(hashParts(body));
}

function hashParts(body: QuestionBody): string[] {
  switch (body.type) {
    case undefined:
    case 'choice':
      return [body.stem, ...body.options.flatMap((o) => [o.text, String(o.correct)])];
    case 'true-false':
      return [body.type, body.stem, String(body.answer)];
    case 'short-answer':
      return [body.type, body.stem, String(body.caseSensitive), ...body.answers.flatMap((a) => [a.text, String(a.weight)])];
    case 'numerical':
      return [body.type, body.stem, String(body.min), String(body.max)];
    case 'matching':
      return [body.type, body.stem, ...body.pairs.flatMap((p) => [p.left, p.right]), '', ...body.distractors];
    case 'ordering':
      return [body.type, body.stem, ...body.steps];
    case 'case-study':
      return [body.type, body.stem, ...body.parts.flatMap((p) => ['\u0001', ...hashParts(p)])];
  }
}

function hashOf(parts: readonly string[]): string {
  return createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 12);
}
