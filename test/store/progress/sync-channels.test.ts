/**
 * Sync channels as learners use them (issue 16): a real git repository that machines commit,
 * pull and push their progress through, with the `.gitignore` that docs/sync.md gives; and a
 * folder sync tool that deletes a device's log and restores it later.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../src/domain/progress/events.js';
import { compareEvents, diffProgress } from '../../../src/domain/progress/order.js';
import type { ProgressState } from '../../../src/domain/progress/state.js';
import { checkProgress } from '../../../src/store/progress/progress-check.js';
import { openProgressStore } from '../../../src/store/progress/progress-store.js';
import { reviewEvent } from '../../helpers/events.js';
import { progressFiles } from '../../helpers/progress-files.js';
import { tempDir } from '../../helpers/run-cli.js';

const PACK = 'p';
const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 8, minute));

/** Every event of every log in a progress folder, each once. */
function eventsIn(folder: string): ProgressEvent[] {
  const byId = new Map<string, ProgressEvent>();
  for (const name of readdirSync(folder).filter((n) => /^log.*\.jsonl$/.test(n))) {
    for (const line of readFileSync(join(folder, name), 'utf8').split('\n')) if (line) byId.set((JSON.parse(line) as ProgressEvent).id, JSON.parse(line) as ProgressEvent);
  }
  return [...byId.values()];
}

/** The state of one machine that made these answers itself, in time order. */
async function singleMachine(events: readonly ProgressEvent[]): Promise<ProgressState> {
  const store = await openProgressStore(tempDir(), PACK, { autoFlush: false });
  for (const { id: _id, ...e } of [...events].sort(compareEvents)) store.record(e);
  await store.close();
  return store.state;
}

/** Answers on a machine, as a study session would give them, then the process ends. */
async function answer(dataDir: string, answers: readonly { item: string; minute: number; correct: boolean }[]): Promise<void> {
  const store = await openProgressStore(dataDir, PACK, { autoFlush: false });
  for (const a of answers) store.record(reviewEvent(a.item, at(a.minute), a.correct ? {} : { correct: false, chosen: [1] }));
  await store.close();
}

/** The `.gitignore` docs/sync.md tells learners to use, read from the page itself. */
function documentedGitignore(): string {
  const page = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'sync.md'), 'utf8');
  const block = /`\.gitignore`:\s*\n+```\n([\s\S]*?)```/.exec(page);
  if (!block) throw new Error('docs/sync.md has no .gitignore block');
  return block[1]!;
}

/** The commands docs/sync.md gives for each git sync, read from the page itself. */
function documentedGitSync(): string {
  const page = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'sync.md'), 'utf8');
  const block = /```sh\n(git add progress[\s\S]*?)```/.exec(page);
  if (!block) throw new Error('docs/sync.md gives no git commands');
  return block[1]!;
}

describe('sync through a git repository', () => {
  // A learner's git, without this machine's git configuration.
  const env = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: 'Learner', GIT_AUTHOR_EMAIL: 'learner@example.com', GIT_COMMITTER_NAME: 'Learner', GIT_COMMITTER_EMAIL: 'learner@example.com' };
  const git = (cwd: string, args: readonly string[]): string => execFileSync('git', ['-c', 'init.defaultBranch=main', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env });

  it("two machines committing, pulling and pushing as docs/sync.md says never conflict, track no machine's own files, and end with one machine's state", async () => {
    const remote = tempDir();
    git(remote, ['init', '--bare', '-q']);
    const laptop = tempDir();
    git(laptop, ['clone', '-q', remote, '.']);
    writeFileSync(join(laptop, '.gitignore'), documentedGitignore());
    git(laptop, ['add', '.gitignore']);
    git(laptop, ['commit', '-q', '-m', 'ignore what is local']);
    git(laptop, ['push', '-q', '-u', 'origin', 'main']);
    const desktop = tempDir();
    git(desktop, ['clone', '-q', remote, '.']);

    const sync = (dir: string): void => {
      execFileSync('bash', ['-e', '-c', documentedGitSync()], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env });
    };

    // Three rounds: both machines answer the same items while apart, then sync, in turn.
    let minute = 0;
    for (let round = 0; round < 3; round += 1) {
      for (const machine of [laptop, desktop]) {
        const answers = Array.from({ length: 12 }, (_, i) => ({ item: `q${(i * 5 + round) % 9}`, minute: (minute += 1), correct: (i + round) % 3 !== 0 }));
        await answer(machine, answers);
      }
      sync(laptop);
      sync(desktop);
    }
    sync(laptop); // the laptop pulls the desktop's last round

    for (const machine of [laptop, desktop]) {
      expect(git(machine, ['status', '--porcelain'])).toBe('');
      const tracked = git(machine, ['ls-files']).trim().split('\n').sort();
      expect(tracked).toEqual(['.gitignore', ...[laptop, desktop].map((d) => `progress/${PACK}/${progressFiles(d, PACK).log.split('/').pop()}`).sort()]);
    }
    const all = eventsIn(progressFiles(laptop, PACK).dir);
    expect(all).toHaveLength(72);
    const expected = await singleMachine(all);
    for (const machine of [laptop, desktop]) {
      const store = await openProgressStore(machine, PACK, { autoFlush: false });
      expect(store.state.totalReviews).toBe(72);
      expect(diffProgress(expected, store.state)).toEqual([]);
      await store.close();
      expect((await checkProgress(machine, PACK)).differences).toEqual([]);
    }
  }, 60_000);
});

describe('a device log deleted by the sync tool and restored later', () => {
  it('loses nothing: while it is gone its answers wait, and once it is back every answer counts again', async () => {
    const laptop = tempDir();
    const desktop = tempDir();
    await answer(laptop, Array.from({ length: 30 }, (_, i) => ({ item: `q${i % 7}`, minute: i * 3, correct: i % 4 !== 0 })));
    const laptopLog = progressFiles(laptop, PACK).log;
    const name = laptopLog.split('/').pop()!;
    await answer(desktop, [{ item: 'q0', minute: 2, correct: true }]);
    const desktopDir = progressFiles(desktop, PACK).dir;
    copyFileSync(laptopLog, join(desktopDir, name));
    await answer(desktop, Array.from({ length: 10 }, (_, i) => ({ item: `q${i % 5}`, minute: i * 3 + 1, correct: i % 3 !== 0 })));

    // The sync tool deletes the laptop's log on the desktop; the desktop answers on, and an
    // answer earlier than its last one (a clock behind) makes it rebuild from the logs it has.
    // (Every answer has a time of its own: the single machine below gives them new ids.)
    const saved = join(tempDir(), name);
    copyFileSync(join(desktopDir, name), saved);
    rmSync(join(desktopDir, name));
    await answer(desktop, [{ item: 'q6', minute: 100, correct: false }, { item: 'q1', minute: 5, correct: true }]);
    const gone = await openProgressStore(desktop, PACK, { autoFlush: false });
    expect(gone.state.totalReviews).toBe(13);
    await gone.close();

    // Restored, as the sync tool does: the desktop counts every answer of both machines again,
    // in a running process and in a new one, with a snapshot that matches a rebuild.
    const running = await openProgressStore(desktop, PACK, { autoFlush: false });
    mkdirSync(desktopDir, { recursive: true });
    copyFileSync(saved, join(desktopDir, name));
    running.sync();
    await expect.poll(() => running.state.totalReviews).toBe(43);
    const expected = await singleMachine(eventsIn(desktopDir));
    expect(diffProgress(expected, running.state)).toEqual([]);
    await running.close();
    const reopened = await openProgressStore(desktop, PACK, { autoFlush: false });
    expect(diffProgress(expected, reopened.state)).toEqual([]);
    await reopened.close();
    expect((await checkProgress(desktop, PACK)).differences).toEqual([]);
  });
});
