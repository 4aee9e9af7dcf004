/** A pack's progress store on real files in a temp data dir, written and read back by tests. */
import type { NewEvent } from '../../src/domain/progress/events.js';
import type { ProgressState } from '../../src/domain/progress/state.js';
import { openProgressStore } from '../../src/store/progress/progress-store.js';
import { tempDir } from './run-cli.js';

/** Records `events` into pack `packId`'s store in `dir` (a fresh temp dir by default); returns the dir. */
export async function storeWith(packId: string, events: readonly NewEvent[], dir = tempDir()): Promise<string> {
  const store = await openProgressStore(dir, packId, { autoFlush: false });
  store.recordMany(events);
  await store.close();
  return dir;
}

/** What `read` finds in the folded state of pack `packId`'s store in `dir`; the store is closed after. */
export async function readStore<T>(dir: string, packId: string, read: (state: ProgressState) => T): Promise<T> {
  const store = await openProgressStore(dir, packId, { autoFlush: false });
  try {
    return read(store.state);
  } finally {
    await store.close();
  }
}
