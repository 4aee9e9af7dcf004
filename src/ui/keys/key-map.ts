/**
 * Every key binding, in one table: what it matches, the command it issues, where it applies and
 * what it says. The footer hints and the `?` overlay are drawn from this table, so they always
 * agree with what the keys do.
 */
import type { Key } from 'ink';

/**
 * Where keys are read. A question has the kind of the part being answered: `question` / `exam`
 * (options, true-false), `typing` / `exam-typing` (a text field with the keys typing into it),
 * `exam-typed` (a text part in the exam after Esc left its field), `matching`, `ordering`.
 */
export type ScreenKind =
  | 'home' | 'settings' | 'card' | 'question' | 'typing' | 'matching' | 'ordering' | 'feedback'
  | 'exam' | 'exam-typing' | 'exam-typed' | 'exam-matching' | 'exam-ordering' | 'exam-map' | 'exam-review'
  | 'report' | 'history' | 'stats' | 'summary' | 'help' | 'confirm';

export type Command =
  | 'up' | 'down' | 'pick' | 'toggle' | 'submit' | 'reveal' | 'rate' | 'next' | 'previous' | 'flag' | 'map' | 'review'
  | 'undo' | 'help' | 'back' | 'interrupt' | 'study' | 'cram' | 'quiz' | 'exam' | 'stats' | 'history' | 'settings' | 'edit' | 'yes' | 'no' | 'digit' | 'erase' | 'continue' | 'suspend'
  | 'type' | 'part' | 'blur' | 'focus';

export interface Binding {
  readonly keys: string;
  readonly command: Command;
  readonly description: string;
  readonly screens: readonly ScreenKind[] | 'all';
  /** With `screens: 'all'`: the screens it does not apply to (a text field takes `q` and `?` as text). */
  readonly except?: readonly ScreenKind[];
  /** The short label shown in the footer; bindings without one appear only in the `?` overlay. */
  readonly hint?: string;
  readonly match: (input: string, key: Key) => boolean;
}

const is = (ch: string) => (input: string, key: Key) => input === ch && !key.ctrl && !key.meta;
const optionScreens: ScreenKind[] = ['question', 'exam'];
/** Text fields: every printable key is text there. */
const fields: ScreenKind[] = ['typing', 'exam-typing'];
/** The study kinds of a question being answered, and the exam's. */
const studyAnswering: ScreenKind[] = ['question', 'typing', 'matching', 'ordering'];
const examAnswering: ScreenKind[] = ['exam', 'exam-typing', 'exam-typed', 'exam-matching', 'exam-ordering'];
const examKeys: ScreenKind[] = ['exam', 'exam-typed', 'exam-matching', 'exam-ordering'];
const listScreens: ScreenKind[] = ['matching', 'ordering', 'exam-matching', 'exam-ordering'];
/** A printable key or a paste of them (no control characters). */
const printable = (input: string, key: Key) => input.length > 0 && !key.ctrl && !key.meta && !/[\u0000-\u001f\u007f-\u009f]/.test(input);

export const BINDINGS: readonly Binding[] = [
  { keys: 'Ctrl-C', command: 'interrupt', description: 'save and quit (asks first during an exam)', screens: 'all', match: (i, k) => k.ctrl && i === 'c' },
  // Text fields first: there every printable key is text, so `q` and `?` type themselves.
  { keys: 'Enter', command: 'submit', description: 'submit the answer (a case study part: on to the next part)', screens: ['typing'], hint: 'submit', match: (_i, k) => k.return },
  { keys: 'Enter →', command: 'next', description: 'keep the answer and go to the next question', screens: ['exam-typing'], hint: 'next', match: (_i, k) => k.return || k.rightArrow },
  { keys: '←', command: 'previous', description: 'keep the answer and go to the previous question', screens: ['exam-typing'], hint: 'previous', match: (_i, k) => k.leftArrow },
  { keys: 'Backspace', command: 'erase', description: 'erase the last character', screens: fields, match: (_i, k) => k.backspace || k.delete },
  { keys: 'Tab', command: 'part', description: 'case study: go to the next part', screens: [...studyAnswering, ...examAnswering], match: (_i, k) => k.tab },
  { keys: 'Esc', command: 'back', description: 'go back (nothing is recorded for this question)', screens: ['typing'], hint: 'back', match: (_i, k) => k.escape },
  { keys: 'Esc', command: 'blur', description: 'leave the field (the answer is kept): then f flag, m map, S review, q stop', screens: ['exam-typing'], hint: 'leave field', match: (_i, k) => k.escape },
  { keys: 'letters', command: 'type', description: 'type the answer (any key that prints; ? on an empty field shows the keys)', screens: fields, match: printable },
  { keys: 'i Space', command: 'focus', description: 'type the answer again (back into the field)', screens: ['exam-typed'], hint: 'edit answer', match: (i) => i === 'i' || i === ' ' },
  { keys: '?', command: 'help', description: 'show every key', screens: 'all', except: fields, hint: 'help', match: is('?') },
  { keys: 'q Esc', command: 'back', description: 'go back (asks first where work would be lost)', screens: 'all', except: fields, hint: 'back', match: (i, k) => k.escape || (i === 'q' && !k.ctrl) },
  { keys: 'y', command: 'yes', description: 'confirm', screens: ['confirm'], hint: 'yes', match: (i) => i === 'y' || i === 'Y' },
  { keys: 'n', command: 'no', description: 'cancel', screens: ['confirm'], hint: 'no', match: (i) => i === 'n' || i === 'N' },
  { keys: 'Enter', command: 'continue', description: 'do the suggested next step', screens: ['home'], hint: 'next step', match: (_i, k) => k.return },
  { keys: 's', command: 'study', description: 'study due and new items', screens: ['home'], hint: 'study', match: is('s') },
  { keys: 'c', command: 'cram', description: 'cram: practise everything, schedule untouched', screens: ['home'], match: is('c') },
  { keys: 't', command: 'quiz', description: 'practice quiz with feedback', screens: ['home'], hint: 'quiz', match: is('t') },
  { keys: 'e', command: 'exam', description: 'timed mock exam', screens: ['home'], hint: 'exam', match: is('e') },
  { keys: 'g', command: 'stats', description: 'statistics and readiness', screens: ['home'], hint: 'stats', match: is('g') },
  { keys: 'r', command: 'history', description: 'past exam reports', screens: ['home'], hint: 'reports', match: is('r') },
  { keys: 'o', command: 'settings', description: 'settings: retention, daily limits, exam date, theme', screens: ['home'], hint: 'settings', match: is('o') },
  { keys: '↑↓ j k', command: 'up', description: 'choose a setting', screens: ['settings'], match: (i, k) => k.upArrow || k.downArrow || i === 'k' || i === 'j' },
  { keys: 'Enter', command: 'edit', description: 'change the chosen setting (type, then Enter to save, Esc to cancel)', screens: ['settings'], hint: 'change', match: (_i, k) => k.return },
  { keys: 'Space Enter', command: 'reveal', description: 'show the answer; on the answer, Enter rates the chosen button', screens: ['card'], hint: 'show answer', match: (i, k) => i === ' ' || k.return },
  { keys: '1-4', command: 'rate', description: 'rate: 1 Again, 2 Hard, 3 Good, 4 Easy', screens: ['card'], hint: 'rate', match: (i) => /^[1-4]$/.test(i) },
  { keys: '← →', command: 'previous', description: 'choose a rating (then Enter)', screens: ['card'], match: (_i, k) => k.leftArrow },
  { keys: '→', command: 'next', description: 'choose the next rating', screens: ['card'], match: (_i, k) => k.rightArrow },
  { keys: '↑↓ j k', command: 'up', description: 'move up', screens: [...optionScreens, 'history', 'exam-map'], match: (i, k) => k.upArrow || i === 'k' },
  { keys: '↓ j', command: 'down', description: 'move down', screens: [...optionScreens, 'history', 'exam-map'], match: (i, k) => k.downArrow || i === 'j' },
  { keys: '↑↓ j k', command: 'up', description: 'choose a left item (matching) or a step (ordering); a picked-up step moves with it', screens: listScreens, hint: 'move', match: (i, k) => k.upArrow || i === 'k' },
  { keys: '↓ j', command: 'down', description: 'move down', screens: listScreens, match: (i, k) => k.downArrow || i === 'j' },
  { keys: '1-9 0', command: 'digit', description: 'the number of the right item for the highlighted left item (10 and up: two digits)', screens: ['matching', 'exam-matching'], hint: 'pair', match: (i) => /^[0-9]$/.test(i) },
  { keys: 'Backspace', command: 'erase', description: 'clear the highlighted pair', screens: ['matching', 'exam-matching'], match: (_i, k) => k.backspace || k.delete },
  { keys: 'Space', command: 'toggle', description: 'pick up the highlighted step, or put it down', screens: ['ordering', 'exam-ordering'], hint: 'pick up/put down', match: (i) => i === ' ' },
  { keys: 'Space', command: 'toggle', description: 'take a waiting first digit alone', screens: ['matching', 'exam-matching'], match: (i) => i === ' ' },
  // Before `pick`: in the exam, f flags (pick option 6 with the digit).
  { keys: 'f', command: 'flag', description: 'flag for review (in the exam, pick option f with 6)', screens: examKeys, hint: 'flag', match: is('f') },
  { keys: '1-8 a-h', command: 'pick', description: 'pick an option', screens: optionScreens, hint: 'pick', match: (i) => /^[1-8a-h]$/.test(i) },
  { keys: 'Space', command: 'toggle', description: 'toggle the highlighted option (multiple response)', screens: optionScreens, match: (i) => i === ' ' },
  { keys: 'Enter', command: 'submit', description: 'submit the answer (a case study part: on to the next part)', screens: ['question', 'matching', 'ordering'], hint: 'submit', match: (_i, k) => k.return },
  { keys: 'Enter n →', command: 'next', description: 'next', screens: ['feedback', 'summary'], hint: 'next', match: (i, k) => k.return || i === 'n' || k.rightArrow },
  { keys: 'n → Enter', command: 'next', description: 'next question', screens: examKeys, hint: 'next', match: (i, k) => i === 'n' || k.rightArrow || k.return },
  { keys: 'n →', command: 'next', description: 'next in the map', screens: ['exam-map'], match: (i, k) => i === 'n' || k.rightArrow },
  { keys: 'p ←', command: 'previous', description: 'previous question (in the map: previous number)', screens: [...examKeys, 'exam-map'], hint: 'previous', match: (i, k) => i === 'p' || k.leftArrow },
  { keys: 'm', command: 'map', description: 'question map: jump to any question', screens: [...examKeys, 'exam-review'], hint: 'map', match: is('m') },
  { keys: 'S', command: 'review', description: 'review and submit the exam', screens: examKeys, hint: 'review & submit', match: (i) => i === 'S' },
  { keys: '0-9', command: 'digit', description: 'type a question number', screens: ['exam-map', 'exam-review'], match: (i) => /^[0-9]$/.test(i) },
  { keys: 'Backspace', command: 'erase', description: 'erase the typed number', screens: ['exam-map', 'exam-review'], match: (_i, k) => k.backspace || k.delete },
  { keys: 'Enter', command: 'submit', description: 'go to the typed or highlighted question / submit', screens: ['exam-map', 'exam-review', 'history'], hint: 'go / submit', match: (_i, k) => k.return },
  { keys: '!', command: 'suspend', description: 'suspend this item: it leaves study (u undoes; later: examdrill item unsuspend ID)', screens: ['card', 'question', 'matching', 'ordering', 'feedback'], match: is('!') },
  { keys: 'u', command: 'undo', description: 'undo the last rating or answer', screens: ['card', 'question', 'matching', 'ordering', 'feedback'], hint: 'undo', match: is('u') },
  { keys: '↑↓ PgUp PgDn', command: 'up', description: 'scroll', screens: ['feedback', 'report', 'stats', 'help', 'summary'], hint: 'scroll', match: (i, k) => k.upArrow || k.pageUp || i === 'k' },
  { keys: '↓', command: 'down', description: 'scroll down', screens: ['feedback', 'report', 'stats', 'help', 'summary'], match: (i, k) => k.downArrow || k.pageDown || i === 'j' },
];

export interface Matched {
  readonly command: Command;
  readonly input: string;
  readonly pageJump: boolean;
}

function appliesTo(b: Binding, screen: ScreenKind): boolean {
  return b.screens === 'all' ? !b.except?.includes(screen) : b.screens.includes(screen);
}

/** The command a key press issues on a screen, if any. */
export function matchKey(screen: ScreenKind, input: string, key: Key): Matched | undefined {
  for (const b of BINDINGS) {
    if (!appliesTo(b, screen)) continue;
    if (b.match(input, key)) {
      const command = b.command === 'up' && (key.downArrow || key.pageDown || input === 'j') ? 'down' : b.command;
      return { command, input, pageJump: key.pageUp || key.pageDown };
    }
  }
  return undefined;
}

/** The bindings of a screen, for the footer (hints only) or the help overlay (all). */
export function bindingsFor(screen: ScreenKind, hintsOnly: boolean): Binding[] {
  const seen = new Set<string>();
  return BINDINGS.filter((b) => appliesTo(b, screen) && (!hintsOnly || b.hint) && !['move down', 'scroll down', 'choose the next rating', 'next in the map'].includes(b.description)).filter((b) => {
    const k = `${b.keys}|${b.description}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
