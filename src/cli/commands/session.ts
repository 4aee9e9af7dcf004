/**
 * Wiring for the learner's modes (home, study, quiz, exam): find the pack, open the progress
 * store, tell what changed in the pack, then run the full-screen UI, or plain mode when there is
 * no terminal (or --plain). Ink and React are loaded only for the full-screen UI.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { movesBetween } from '../../domain/pack/option-moves.js';
import type { Pack } from '../../domain/pack/types.js';
import type { Clock } from '../../domain/ports.js';
import { effectiveSettings } from '../../domain/progress/state.js';
import { dayKey } from '../../domain/time/day.js';
import { studyCounts } from '../../domain/study/queue.js';
import { closestWord } from '../../domain/text/closest-word.js';
import type { ProgressStore } from '../../store/progress/progress-store.js';
import { packDigest } from '../../store/pack/pack-digest.js';
import { dataPaths } from '../../store/paths.js';
import type { SessionDeps, SessionMode } from '../../ui/session-deps.js';
import { readModelEvents } from '../../store/scheduler/review-history.js';
import type { CommandContext } from '../command-table.js';
import { choosePack, colourWanted, localOffset, locatePacks, openStore, type Located } from '../context.js';
import { UserError } from '../errors.js';
import type { Io } from '../io.js';

export async function runSession(mode: SessionMode, { io, args }: CommandContext): Promise<number> {
  const o = args.options;
  const located = await locatePacks(o, io);
  const found = choosePack(located, o.pack as string | undefined);
  const pack = found.pack;
  const topics = (o.topic as string[] | undefined) ?? [];
  for (const t of topics) {
    if (!pack.topics.some((x) => x.id === t)) {
      const guess = closestWord(t, pack.topics.map((x) => x.id));
      throw new UserError(`unknown topic ${t} in pack ${pack.id}${guess ? ` (did you mean ${guess}?)` : ''}`, `Topics: ${pack.topics.map((x) => x.id).join(', ')}`);
    }
  }
  if (mode === 'exam' && o.history !== true && pack.questions.length === 0) {
    throw new UserError(`pack ${pack.id} has no questions, so there is no mock exam to sit`, 'Study its cards with `examdrill study`, or choose another pack with --pack.');
  }
  rememberLastPack(located.dataDir, pack.id);
  const clock: Clock = { now: io.now, offset: localOffset };
  const store = await openStore(located.dataDir, pack.id, io);
  try {
    const notices = [...store.notices, ...syncPackVersion(store, pack, clock)];
    if (typeof o['exam-date'] === 'string' && o['exam-date'] !== effectiveSettings(store.state).examDate) {
      const now = clock.now();
      store.record({ type: 'settings', at: now.toISOString(), day: dayKey(now, clock.offset), key: 'examDate', value: o['exam-date'] });
    }
    const deps: SessionDeps = {
      pack,
      otherPacks: mode === 'home' ? await otherPacks(located, pack.id, io) : [],
      port: store,
      clock,
      notices,
      options: {
        topics,
        cram: o.cram === true,
        count: (o.count as number | undefined) ?? 10,
        ...(o.seed !== undefined ? { seed: o.seed as number } : {}),
        mistakes: o.mistakes === true,
        ...(o.questions !== undefined ? { questions: o.questions as number } : {}),
        ...(o.minutes !== undefined ? { minutes: o.minutes as number } : {}),
        ...(typeof o.report === 'string' ? { reportFile: resolve(io.cwd, o.report) } : {}),
        history: o.history === true,
      },
      writeFile: (path, text) => writeReport(path, text),
      save: () => store.flush(),
      colour: colourWanted(o, io),
      readEvents: () => readModelEvents(store.dir),
    };
    const plain = o.plain === true || !io.stdin.isTTY || !io.stdout.isTTY;
    if (plain) {
      const stop = onSignals(io, store);
      try {
        const { runPlain } = await import('../../ui/plain/run-plain.js');
        await runPlain(mode, deps, io.stdin, io.stdout);
      } finally {
        stop();
      }
      return 0;
    }
    const { runApp } = await import('../../ui/run-app.js');
    return await runApp(mode, deps, { stdin: io.stdin, stdout: io.stdout });
  } finally {
    await store.close().catch(() => undefined);
  }
}

/**
 * Compares the pack with the version the learner last saw: "3 new, 1 changed, 1 retired".
 * Progress is keyed by item id, so nothing is reset; retired items keep their history.
 */
export function syncPackVersion(store: ProgressStore, pack: Pack, clock: Clock): string[] {
  const known = store.state.known;
  // One digest of every item's id and hash: unchanged packs (nearly every start) stop here.
  const digest = pack.digest ?? packDigest(pack);
  if (known && known.version === pack.version && known.digest === digest) return [];
  const hashes: Record<string, string> = {};
  for (const item of [...pack.cards, ...pack.questions]) hashes[item.id] = item.hash;
  const now = clock.now();
  // Options the author moved since the version this learner saw: the fold renumbers their answers.
  const moves = known ? movesBetween(pack.optionMoves, known.version, pack.version) : {};
  const record = () =>
    store.record({ type: 'pack-sync', at: now.toISOString(), day: dayKey(now, clock.offset), version: pack.version, hashes, digest, ...(Object.keys(moves).length > 0 ? { moves } : {}) });
  if (!known) {
    record();
    return [];
  }
  let added = 0;
  let changed = 0;
  let retired = 0;
  for (const [id, hash] of Object.entries(hashes)) {
    if (!(id in known.hashes)) added += 1;
    else if (known.hashes[id] !== hash) changed += 1;
  }
  for (const id of Object.keys(known.hashes)) if (!(id in hashes)) retired += 1;
  record();
  if (added + changed + retired === 0) return [];
  const version = known.version === pack.version ? '' : ` (${known.version} -> ${pack.version})`;
  return [`${pack.title} was updated${version}: ${added} new, ${changed} changed, ${retired} retired. Your progress is kept.`];
}

/** The other packs with their due counts, read from each snapshot and log (no lock is taken). */
async function otherPacks(located: Located, current: string, io: Io): Promise<SessionDeps['otherPacks']> {
  const out: { id: string; title: string; due: number | null }[] = [];
  for (const { pack } of located.discovery.packs) {
    if (!pack || pack.id === current) continue;
    out.push({ id: pack.id, title: pack.title, due: await dueIn(located, pack, io) });
  }
  return out;
}

/** Due items in another pack; 0 when it was never studied (its store is not created), null when its progress cannot be read. */
async function dueIn(located: Located, pack: Pack, io: Io): Promise<number | null> {
  if (!existsSync(dataPaths(located.dataDir).progress(pack.id))) return 0;
  try {
    const store = await openStore(located.dataDir, pack.id, io, { autoFlush: false });
    try {
      return studyCounts({ pack, state: store.state, now: io.now(), offset: localOffset }).due;
    } finally {
      await store.close();
    }
  } catch {
    return null; // Still listed; opening the pack says why.
  }
}

function rememberLastPack(dataDir: string, packId: string): void {
  try {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(dataPaths(dataDir).lastPack, `${packId}\n`);
  } catch {
    // Only a convenience for choosing the default pack next time.
  }
}

function writeReport(path: string, text: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  } catch (e) {
    throw new UserError(`could not write the report to ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, 'Choose another file with --report; the exam itself is saved in history (examdrill exam --history).');
  }
}

/** Ctrl-C, a closed terminal or a kill: save the snapshot and exit (130, 129, 143). Answers are already in the log. */
function onSignals(io: Io, store: ProgressStore): () => void {
  if (io.stdout !== process.stdout) return () => undefined;
  const codes: Record<string, number> = { SIGINT: 130, SIGHUP: 129, SIGTERM: 143 };
  const handler = (signal: NodeJS.Signals) => {
    void store.close().finally(() => {
      if (signal === 'SIGINT') process.stdout.write('\nStopped; everything you answered is saved.\n');
      process.exit(codes[signal] ?? 1);
    });
  };
  for (const s of Object.keys(codes)) process.on(s, handler);
  return () => {
    for (const s of Object.keys(codes)) process.off(s, handler);
  };
}
