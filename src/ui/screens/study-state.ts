/** The study screen's state and its reducer: which item, which phase, the option cursor and picks. */
import type { Answer, Item } from '../../domain/pack/types.js';
import { checkExhaustive } from '../../domain/check-exhaustive.js';
import type { Draft } from './answer-draft.js';

export type StudyPhase = 'front' | 'back' | 'answering' | 'feedback' | 'done';

export interface StudyState {
  readonly item: Item | null;
  readonly phase: StudyPhase;
  /** The highlighted option of a question, or the highlighted rating (0-3) of a revealed card. */
  readonly cursor: number;
  /** Picked display positions. */
  readonly picks: readonly number[];
  /** A question of another type than a standalone choice: the answer being built (answer-draft.ts). */
  readonly draft: Draft | null;
  /** After answering: right or wrong, the options chosen (choice) or the whole answer (others). */
  readonly outcome: { readonly correct: boolean; readonly chosen: readonly number[]; readonly answer?: Answer } | null;
  readonly scroll: number;
  readonly shownAt: number;
}

export type StudyAction =
  | { readonly type: 'show'; readonly item: Item | null; readonly now: number; readonly draft?: Draft | null }
  | { readonly type: 'draft'; readonly draft: Draft }
  | { readonly type: 'reveal' }
  | { readonly type: 'move'; readonly delta: number; readonly count: number }
  | { readonly type: 'pick'; readonly position: number; readonly multiple: boolean }
  | { readonly type: 'toggle-cursor' }
  | { readonly type: 'answered'; readonly correct: boolean; readonly chosen: readonly number[]; readonly answer?: Answer }
  | { readonly type: 'scroll'; readonly delta: number };

export const initialStudyState: StudyState = { item: null, phase: 'done', cursor: 0, picks: [], draft: null, outcome: null, scroll: 0, shownAt: 0 };

export function studyReducer(state: StudyState, action: StudyAction): StudyState {
  switch (action.type) {
    case 'show':
      return { item: action.item, phase: action.item === null ? 'done' : action.item.kind === 'card' ? 'front' : 'answering', cursor: 0, picks: [], draft: action.draft ?? null, outcome: null, scroll: 0, shownAt: action.now };
    case 'draft':
      return state.phase === 'answering' ? { ...state, draft: action.draft } : state;
    case 'reveal':
      // The rating cursor starts on Good (the third button).
      return state.phase === 'front' ? { ...state, phase: 'back', cursor: 2 } : state;
    case 'move':
      return { ...state, cursor: Math.max(0, Math.min(action.count - 1, state.cursor + action.delta)) };
    case 'pick': {
      if (!action.multiple) return { ...state, picks: [action.position], cursor: action.position };
      const picks = state.picks.includes(action.position) ? state.picks.filter((p) => p !== action.position) : [...state.picks, action.position].sort((a, b) => a - b);
      return { ...state, picks, cursor: action.position };
    }
    case 'toggle-cursor': {
      const picks = state.picks.includes(state.cursor) ? state.picks.filter((p) => p !== state.cursor) : [...state.picks, state.cursor].sort((a, b) => a - b);
      return { ...state, picks };
    }
    case 'answered':
      return { ...state, phase: 'feedback', outcome: { correct: action.correct, chosen: action.chosen, answer: action.answer }, scroll: 0 };
    case 'scroll':
      return { ...state, scroll: Math.max(0, state.scroll + action.delta) };
    default:
      return checkExhaustive(action);
  }
}
