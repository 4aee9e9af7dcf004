/**
 * What a study, quiz or exam session needs, handed in by the CLI: the pack, the learner's
 * progress (through an interface, never the lowdb class), the clock and the options.
 */
import type { ModelEvent } from '../domain/scheduler/optimizer.js';
import type { Pack } from '../domain/pack/types.js';
import type { Clock, ProgressPort } from '../domain/ports.js';

export type SessionMode = 'home' | 'study' | 'quiz' | 'exam';

export interface SessionOptions {
  readonly topics: readonly string[];
  readonly cram: boolean;
  readonly count: number;
  readonly seed?: number;
  readonly mistakes: boolean;
  readonly questions?: number;
  readonly minutes?: number;
  readonly reportFile?: string;
  readonly history: boolean;
}

export interface SessionDeps {
  readonly pack: Pack;
  readonly port: ProgressPort;
  readonly clock: Clock;
  readonly options: SessionOptions;
  /** Messages for the learner from start-up: a moved-aside file, what changed in the pack. */
  readonly notices: readonly string[];
  /** The learner's other packs, for the home screen (open one with --pack ID). */
  readonly otherPacks: readonly { readonly id: string; readonly title: string; readonly due: number | null }[];
  /** Writes a report file (the UI has no file system of its own). */
  readonly writeFile: (path: string, text: string) => void;
  /** Writes the progress snapshot now (before exiting). */
  readonly save: () => Promise<void>;
  readonly colour: boolean;
  /** The pack's progress events from every device's log (for the model check in stats). */
  readonly readEvents: () => readonly ModelEvent[];
}
