/** Resolves where things are for a command: the data dir, the pack folders, the chosen pack. */
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closestWord } from '../domain/text/closest-word.js';
import { formatIssue } from '../domain/pack/issues.js';
import { discoverPacks, type Discovery, type FoundPack, type PackSource } from '../store/pack/discover-packs.js';
import { dataPaths, defaultDataDir } from '../store/paths.js';
import { openProgressStore, type ProgressStore } from '../store/progress/progress-store.js';
import { dayKey, type OffsetFn } from '../domain/time/day.js';
import type { OptionValues } from './args.js';
import { UserError } from './errors.js';
import type { Io } from './io.js';

/** The bundled content/ folder: next to dist/ when bundled, at the repo root from src/. */
export function bundledContentDir(): string {
  for (const rel of ['../content', '../../content']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(dir)) return dir;
  }
  return fileURLToPath(new URL('../content', import.meta.url));
}

export function resolveDataDir(options: OptionValues, io: Io): string {
  const flag = options['data-dir'] as string | undefined;
  if (flag) return resolve(io.cwd, flag);
  if (io.env.EXAMDRILL_DATA_DIR) return resolve(io.cwd, io.env.EXAMDRILL_DATA_DIR);
  return defaultDataDir(io.env);
}

export function packSources(options: OptionValues, io: Io, dataDir: string): PackSource[] {
  const sources: PackSource[] = [{ dir: bundledContentDir(), origin: 'bundled' }, { dir: dataPaths(dataDir).packs, origin: 'installed' }];
  for (const dir of (io.env.EXAMDRILL_PACKS_DIR ?? '').split(delimiter).filter(Boolean)) sources.push({ dir: resolve(io.cwd, dir), origin: 'env' });
  for (const dir of (options['packs-dir'] as string[] | undefined) ?? []) {
    const full = resolve(io.cwd, dir);
    if (!existsSync(full)) throw new UserError(`--packs-dir ${dir}: no such folder`, 'Give a folder that holds packs (each a folder with pack.yaml).');
    sources.push({ dir: full, origin: 'flag' });
  }
  return sources;
}

export interface Located {
  readonly dataDir: string;
  readonly discovery: Discovery;
}

/** Finds every pack, warning on stderr about broken ones and id clashes. */
export async function locatePacks(options: OptionValues, io: Io, { quiet = false } = {}): Promise<Located> {
  const dataDir = resolveDataDir(options, io);
  const discovery = await discoverPacks(packSources(options, io, dataDir), {
    cacheDir: dataPaths(dataDir).compiled,
    onCompile: (bytes) => {
      if (bytes > 1_000_000 && !quiet) io.stderr.write(`examdrill: compiling a ${(bytes / 1e6).toFixed(1)} MB pack (once after each edit)...\n`);
    },
  });
  if (!quiet) {
    for (const w of discovery.warnings) io.stderr.write(`examdrill: warning: ${w}\n`);
    for (const b of discovery.broken) {
      const first = b.issues[0];
      io.stderr.write(`examdrill: warning: the pack in ${b.dir} has ${b.issues.length} problem${b.issues.length === 1 ? '' : 's'} and was not loaded${first ? ` (first: ${formatIssue(first)})` : ''}\n`);
      io.stderr.write(`  Run: examdrill pack validate ${b.dir}\n`);
    }
  }
  return { dataDir, discovery };
}

/** The pack a session uses: --pack, else the only one, else the last one used, else the first. */
export function choosePack(located: Located, packId: string | undefined): FoundPack & { pack: NonNullable<FoundPack['pack']> } {
  const packs = located.discovery.packs.filter((p): p is FoundPack & { pack: NonNullable<FoundPack['pack']> } => p.pack !== undefined);
  if (packs.length === 0) throw new UserError('no pack could be loaded', 'Check the packs with `examdrill packs`, or add one with `examdrill pack add DIR`.');
  if (packId) {
    const found = packs.find((p) => p.pack.id === packId);
    if (!found) {
      const guess = closestWord(packId, packs.map((p) => p.pack.id));
      throw new UserError(`unknown pack id ${packId}${guess ? ` (did you mean ${guess}?)` : ''}`, `Installed packs: ${packs.map((p) => p.pack.id).join(', ')}. See \`examdrill packs\`.`);
    }
    return found;
  }
  if (packs.length === 1) return packs[0]!;
  const last = readLastPack(located.dataDir);
  return packs.find((p) => p.pack.id === last) ?? packs[0]!;
}

function readLastPack(dataDir: string): string | undefined {
  try {
    return readFileSync(dataPaths(dataDir).lastPack, 'utf8').trim();
  } catch {
    return undefined;
  }
}

/** The learner's offset from UTC, from this machine's time zone (minutes east). */
export const localOffset: OffsetFn = (at) => -at.getTimezoneOffset();

/** Colour unless --no-color or NO_COLOR (https://no-color.org) says otherwise. */
export function colourWanted(options: OptionValues, io: Io): boolean {
  return options['no-color'] !== true && (io.env.NO_COLOR ?? '') === '';
}

/** Opens a pack's progress store (its file-system problems are user errors: errors.ts). */
export async function openStore(dataDir: string, packId: string, io: Io, options: { autoFlush?: boolean } = {}): Promise<ProgressStore> {
  return openProgressStore(dataDir, packId, { now: io.now, today: () => dayKey(io.now(), localOffset), ...options });
}
