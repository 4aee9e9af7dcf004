/** `examdrill packs`: the packs this learner has, where each comes from, and broken ones. */
import { formatIssue } from '../../domain/pack/issues.js';
import type { CommandContext } from '../command-table.js';
import { locatePacks } from '../context.js';
import { writeLine } from '../io.js';

export async function runPacks({ io, args }: CommandContext): Promise<number> {
  const json = args.options.json === true;
  const { discovery } = await locatePacks(args.options, io, { quiet: json });
  if (json) {
    const out = [
      ...discovery.packs.map(({ pack, dir, origin }) => ({
        id: pack!.id,
        title: pack!.title,
        version: pack!.version,
        ...(pack!.description ? { description: pack!.description } : {}),
        cards: pack!.cards.length,
        questions: pack!.questions.length,
        topics: pack!.topics.length,
        origin,
        dir,
        ok: true,
      })),
      ...discovery.broken.map(({ dir, origin, issues }) => ({ dir, origin, ok: false, problems: issues.length })),
    ];
    writeLine(io.stdout, JSON.stringify(out, null, 2));
    return 0;
  }
  if (discovery.packs.length === 0 && discovery.broken.length === 0) {
    writeLine(io.stdout, 'No packs found. Add one with: examdrill pack add DIR');
    return 0;
  }
  const rows = discovery.packs.map(({ pack, dir, origin }) => [pack!.id, pack!.version, `${pack!.cards.length} cards, ${pack!.questions.length} questions`, origin, dir, pack!.title, (pack!.description ?? '').replace(/\s+/g, ' ').trim()]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r[i]!.length), ['id', 'version', 'items', 'from'][i]!.length));
  writeLine(io.stdout, ['id', 'version', 'items', 'from'].map((h, i) => h.padEnd(widths[i]!)).join('  ') + '  folder');
  for (const r of rows) {
    writeLine(io.stdout, r.slice(0, 4).map((c, i) => c.padEnd(widths[i]!)).join('  ') + `  ${r[4]}`);
    writeLine(io.stdout, `  ${r[5]}`);
    if (r[6]) writeLine(io.stdout, `  ${r[6]}`);
  }

  for (const b of discovery.broken) {
    writeLine(io.stdout, `broken  ${b.dir}: ${b.issues.length} problem${b.issues.length === 1 ? '' : 's'}, first: ${b.issues[0] ? formatIssue(b.issues[0]) : ''}`);
  }
  return 0;
}
