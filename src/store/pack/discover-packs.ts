/**
 * Finds the packs a learner has: the bundled content/ folder, <data-dir>/packs,
 * EXAMDRILL_PACKS_DIR and each --packs-dir, in that order. Two packs with one id: the later
 * folder wins, and a warning says so.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PackIssue } from '../../domain/pack/issues.js';
import type { Pack } from '../../domain/pack/types.js';
import { loadPack, type LoadOptions } from './load-pack.js';

export type PackOrigin = 'bundled' | 'installed' | 'env' | 'flag';

export interface PackSource {
  readonly dir: string;
  readonly origin: PackOrigin;
}

export interface FoundPack {
  readonly dir: string;
  readonly origin: PackOrigin;
  readonly pack?: Pack;
  readonly issues: readonly PackIssue[];
}

export interface Discovery {
  /** Loaded packs by id, the winner of each id. */
  readonly packs: readonly FoundPack[];
  /** Folders that hold a pack.yaml but failed to load. */
  readonly broken: readonly FoundPack[];
  readonly warnings: readonly string[];
}

/** Each folder is either a pack (holds pack.yaml) or a folder of packs. */
export function packFolders(sources: readonly PackSource[]): PackSource[] {
  const out: PackSource[] = [];
  for (const source of sources) {
    const dir = resolve(source.dir);
    if (existsSync(join(dir, 'pack.yaml'))) {
      out.push({ dir, origin: source.origin });
      continue;
    }
    let entries: string[] = [];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      continue; // A packs folder that does not exist yet holds no packs.
    }
    for (const name of entries) {
      if (name.startsWith('.') || name.startsWith('_')) continue;
      const sub = join(dir, name);
      if (existsSync(join(sub, 'pack.yaml'))) out.push({ dir: sub, origin: source.origin });
    }
  }
  return out;
}

export async function discoverPacks(sources: readonly PackSource[], options: LoadOptions = {}): Promise<Discovery> {
  const byId = new Map<string, FoundPack>();
  const broken: FoundPack[] = [];
  const warnings: string[] = [];
  for (const { dir, origin } of packFolders(sources)) {
    const result = await loadPack(dir, options);
    if (!result.ok) {
      broken.push({ dir, origin, issues: result.issues });
      continue;
    }
    const earlier = byId.get(result.pack.id);
    if (earlier && earlier.dir !== dir) {
      warnings.push(`two packs have the id ${result.pack.id}: using ${dir} over ${earlier.dir}`);
    }
    byId.set(result.pack.id, { dir, origin, pack: result.pack, issues: [] });
  }
  return { packs: [...byId.values()], broken, warnings };
}
