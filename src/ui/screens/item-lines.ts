/** Cards, questions and feedback as laid-out lines. */
import { correctIndices, stemSaysHowMany, type Card, type ChoiceQuestion as Question, type Pack } from '../../domain/pack/types.js';
import { RATING_NAMES, type Rating } from '../../domain/scheduler/fsrs-adapter.js';
import { optionLetter } from '../../domain/study/options.js';
import { layoutMarkdown, type Line, type Segment } from '../text/layout.js';

export function topicTitle(pack: Pack, topic: string): string {
  return pack.topics.find((t) => t.id === topic)?.title ?? topic;
}

export function cardLines(pack: Pack, card: Card, revealed: boolean, intervals: Record<Rating, string> | null, width: number, chosen = 2): Line[] {
  const out: Line[] = [[{ text: `Card · ${topicTitle(pack, card.topic)}`, role: 'dim' }], [], ...layoutMarkdown(card.front, width)];
  if (!revealed) return [...out, [], [{ text: 'Space or Enter shows the answer.', role: 'dim' }]];
  out.push([], [{ text: '─'.repeat(Math.min(width, 40)), role: 'dim' }], [], ...layoutMarkdown(card.back, width));
  for (const r of card.refs) out.push([{ text: r, role: 'accent' }]);
  out.push([]);
  const buttons: Segment[] = [];
  for (const r of [1, 2, 3, 4] as Rating[]) {
    const on = r === chosen + 1;
    buttons.push({ text: on ? '›' : ' ', role: 'selected', bold: true }, { text: ` ${r} `, inverse: true, bold: true, role: r === 1 ? 'bad' : r === 3 ? 'good' : undefined }, { text: ` ${RATING_NAMES[r]} ${intervals ? intervals[r] : ''}  `, bold: on, role: on ? 'selected' : undefined });
  }
  out.push(buttons);
  return out;
}

/** A question with its options; returns the lines and where the cursor's option starts. */
export function questionLines(pack: Pack, q: Question, order: readonly number[], cursor: number, picks: readonly number[], width: number, header: string): { lines: Line[]; cursorLine: number } {
  const multiple = correctIndices(q).length > 1;
  const out: Line[] = [[{ text: `${header} · ${topicTitle(pack, q.topic)}`, role: 'dim' }], [], ...layoutMarkdown(q.stem, width)];
  if (multiple && !stemSaysHowMany(q.stem)) out.push([{ text: `Choose ${correctIndices(q).length}.`, bold: true, role: 'accent' }]);
  out.push([]);
  let cursorLine = 0;
  order.forEach((k, pos) => {
    const picked = picks.includes(pos);
    const mark = multiple ? (picked ? '[x]' : '[ ]') : picked ? '(•)' : '( )';
    if (pos === cursor) cursorLine = out.length;
    const prefix: Line = [{ text: pos === cursor ? '› ' : '  ', role: 'selected', bold: true }, { text: `${mark} ${optionLetter(pos)}) `, role: picked ? 'selected' : undefined, bold: picked }];
    out.push(...layoutMarkdown(q.options[k]!.text, width - 9, picked ? { role: 'selected' } : {}, []).map((l, i) => [...(i === 0 ? prefix : [{ text: '         ' }]), ...l]));
  });
  return { lines: out, cursorLine };
}

export function feedbackLines(pack: Pack, q: Question, order: readonly number[], chosen: readonly number[], correct: boolean, width: number): Line[] {
  const keys = new Set(correctIndices(q));
  const out: Line[] = [[{ text: correct ? ' correct ' : ' wrong ', inverse: true, bold: true, role: correct ? 'good' : 'bad' }, { text: `  ${topicTitle(pack, q.topic)}`, role: 'dim' }], [], ...layoutMarkdown(q.stem, width), []];
  order.forEach((k, pos) => {
    const o = q.options[k]!;
    const mark = keys.has(k) ? '✓' : chosen.includes(k) ? '✗' : ' ';
    out.push(...layoutMarkdown(`${optionLetter(pos)}) ${o.text}${chosen.includes(k) ? '  (your pick)' : ''}`, width, { role: keys.has(k) ? 'good' : chosen.includes(k) ? 'bad' : undefined, bold: keys.has(k) }, [{ text: `${mark} ` }], [{ text: '     ' }]));
    out.push(...layoutMarkdown(o.why ?? '(no reason given)', width, { role: 'dim' }, [{ text: '     ' }]));
  });
  if (q.explanation) out.push([], ...layoutMarkdown(q.explanation, width));
  if (q.refs.length) out.push([], ...q.refs.map((r): Line => [{ text: r, role: 'accent' }]));
  return out;
}
