/**
 * Questions of every type as laid-out lines, with the answer being built (answer-draft.ts), and
 * the feedback after answering. A case study shows its scenario and all its parts together; the
 * part being answered shows its editor, the others what they hold.
 *
 *   Put these steps in order:                 Match each left item:
 *   › 1. The daemon polls the queue             › a) S3            → 2) asynchronous
 *     2. ...                                      b) SQS           → _
 *                                               Right items: 1) synchronous  2) asynchronous ...
 */
import { isChoice, rightItems, stemSaysHowMany, type Answer, type PartBody, type Pack, type Question } from '../../domain/pack/types.js';
import { answerText, feedbackLines as typedFeedback, type LineMark } from '../../domain/quiz/feedback.js';
import { optionLetter } from '../../domain/study/options.js';
import type { Role } from '../theme.js';
import { layoutMarkdown, type Line } from '../text/layout.js';
import { bodiesOf, editorKind, partAnswer, picksAllowed, type Draft, type PartDraft } from './answer-draft.js';
import { topicTitle } from './item-lines.js';

export interface Laid {
  readonly lines: Line[];
  /** The line the cursor is on, so the screen can scroll to it. */
  readonly cursorLine: number;
}

/** What the learner is told to do, per kind of part, under the stem. */
function instruction(body: PartBody, focused: boolean): string {
  switch (editorKind(body)) {
    case 'options':
      if (body.type === 'true-false') return 'True or false?';
      return picksAllowed(body) > 1 && !stemSaysHowMany(body.stem) ? `Choose ${picksAllowed(body)}.` : '';
    case 'text':
      return body.type === 'numerical' ? (focused ? 'Type a number (a unit may follow).' : 'A number (a unit may follow).') : focused ? 'Type your answer.' : 'A typed answer.';
    case 'matching':
      return 'Match each left item with a right item: type the right item’s number.';
    case 'ordering':
      return 'Put these steps in order: Space picks a step up, ↑↓ carry it, Space puts it down.';
  }
}

/** One part (or a standalone question) with its editor; `active` when the keys act on it. */
export function partEditorLines(body: PartBody, order: readonly number[], d: PartDraft, width: number, active: boolean, focused: boolean): Laid {
  const out: Line[] = [];
  const say = instruction(body, focused && active);
  if (say) out.push([{ text: say, bold: true, role: 'accent' }]);
  let cursorLine = out.length;
  const mark = (on: boolean): Line => [{ text: on && active ? '› ' : '  ', role: 'selected', bold: true }];
  const kind = editorKind(body);
  if (kind === 'options') {
    const multiple = picksAllowed(body) > 1;
    const texts = isChoice(body) ? order.map((k) => body.options[k]!.text) : ['True', 'False'];
    texts.forEach((text, pos) => {
      const picked = d.picks.includes(pos);
      if (pos === d.cursor) cursorLine = out.length;
      const box = multiple ? (picked ? '[x]' : '[ ]') : picked ? '(•)' : '( )';
      const prefix: Line = [...mark(pos === d.cursor), { text: `${box} ${optionLetter(pos)}) `, role: picked ? 'selected' : undefined, bold: picked }];
      out.push(...layoutMarkdown(text, width - 9, picked ? { role: 'selected' } : {}, []).map((l, i) => [...(i === 0 ? prefix : [{ text: '         ' }]), ...l]));
    });
  } else if (kind === 'text') {
    cursorLine = out.length;
    out.push([{ text: 'Answer: ', bold: true }, { text: d.text, role: 'selected' }, { text: focused && active ? '█' : d.text ? '' : '_', role: focused && active ? 'selected' : 'dim' }]);
  } else if (body.type === 'matching') {
    const rights = rightItems(body);
    body.pairs.forEach((pair, i) => {
      if (i === d.cursor) cursorLine = out.length;
      const p = d.pairs[i] ?? -1;
      const pending = i === d.cursor && d.digits ? `${d.digits}_` : undefined;
      const chosen = pending ?? (p >= 0 ? `${p + 1}) ${rights[order[p]!] ?? '?'}` : '_');
      out.push(...layoutMarkdown(`${pair.left}  → ${chosen}`, width - 5, p >= 0 ? { role: 'selected' } : {}, [...mark(i === d.cursor), { text: `${optionLetter(i)}) ` }], [{ text: '     ' }]));
    });
    out.push([{ text: 'Right items:', role: 'dim' }]);
    order.forEach((k, pos) => out.push(...layoutMarkdown(rights[k]!, width - 6, {}, [{ text: `  ${String(pos + 1).padStart(2)}) ` }], [{ text: '      ' }])));
  } else if (body.type === 'ordering') {
    d.steps.forEach((k, pos) => {
      if (pos === d.cursor) cursorLine = out.length;
      const carried = d.carrying && pos === d.cursor;
      out.push(...layoutMarkdown(body.steps[k]!, width - 8, carried ? { role: 'selected', inverse: true } : {}, [...mark(pos === d.cursor), { text: `${carried ? '≡' : ' '}${String(pos + 1).padStart(2)}. `, role: carried ? 'selected' : undefined, bold: carried }], [{ text: '      ' }]));
    });
  }
  return { lines: out, cursorLine };
}

/**
 * A question of any type with its draft. A case study: the scenario, then each part; the active
 * part shows its editor, the others their stem and what they hold.
 */
export function draftQuestionLines(pack: Pack, q: Question, orders: readonly (readonly number[])[], draft: Draft, width: number, header: string, focused: boolean): Laid {
  const out: Line[] = [[{ text: `${header} · ${topicTitle(pack, q.topic)}`, role: 'dim' }], [], ...layoutMarkdown(q.stem, width), []];
  if (q.type !== 'case-study') {
    const laid = partEditorLines(q, orders[0] ?? [], draft.parts[0]!, width, true, focused);
    return { lines: [...out, ...laid.lines], cursorLine: out.length + laid.cursorLine };
  }
  let cursorLine = 0;
  bodiesOf(q).forEach((body, k) => {
    const active = k === draft.part;
    const order = orders[k] ?? [];
    const held = partAnswer(body, draft.parts[k]!, order);
    const status = held === null ? 'not answered' : 'answered';
    if (active) cursorLine = out.length;
    out.push([{ text: `${active ? '▸ ' : '  '}Part ${k + 1} of ${q.parts.length}`, bold: true, role: active ? 'accent' : 'dim' }, { text: ` · ${status}`, role: held === null ? 'dim' : 'good' }]);
    out.push(...layoutMarkdown(body.stem, width - 2, active ? {} : { role: 'dim' }, [{ text: '  ' }]));
    if (active) {
      const laid = partEditorLines(body, order, draft.parts[k]!, width - 2, true, focused);
      cursorLine = out.length + laid.cursorLine;
      out.push(...laid.lines.map((l): Line => [{ text: '  ' }, ...l]));
    } else if (held !== null) {
      out.push(...layoutMarkdown(`Your answer: ${answerText(body, held, order)}`, width - 4, { role: 'dim' }, [{ text: '    ' }]));
    }
    out.push([]);
  });
  return { lines: out, cursorLine };
}

const ROLE: Record<LineMark, Role | undefined> = { right: 'good', wrong: 'bad', plain: undefined };

/** After answering a question of a type other than a standalone choice: the verdict per part, the key, every why. */
export function typedFeedbackLines(pack: Pack, q: Question, orders: readonly (readonly number[])[], answer: Answer, correct: boolean, width: number): Line[] {
  const out: Line[] = [[{ text: correct ? ' correct ' : ' wrong ', inverse: true, bold: true, role: correct ? 'good' : 'bad' }, { text: `  ${topicTitle(pack, q.topic)}`, role: 'dim' }], [], ...layoutMarkdown(q.stem, width), []];
  for (const l of typedFeedback(q, answer, orders)) {
    const indent = l.depth ? '  ' : '';
    out.push(...layoutMarkdown(l.text, width - indent.length, { role: ROLE[l.mark], bold: l.depth === 0 && l.mark !== 'plain' }, [{ text: indent }]));
  }
  if (q.explanation) out.push([], ...layoutMarkdown(q.explanation, width));
  if (q.refs.length) out.push([], ...q.refs.map((r): Line => [{ text: r, role: 'accent' }]));
  return out;
}
