import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTROL_CHARS } from '../../src/domain/text/control-chars.js';
import { runCli, tempDir } from '../helpers/run-cli.js';

/** Every kind of terminal escape a hostile or careless file might carry. */
const ESCAPES: Record<string, string> = {
  'OSC 8 hyperlink': '\u001b]8;;https://evil.example\u001b\\link\u001b]8;;\u001b\\',
  'OSC 52 clipboard': '\u001b]52;c;ZXZpbA==\u0007',
  'OSC 0 title': '\u001b]0;pwned\u0007',
  'CSI clear': '\u001b[2J\u001b[H',
  'C1 CSI': '\u009b2J',
  BEL: '\u0007',
  CR: 'over\rwrite',
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('terminal escapes in imported files never reach a pack', () => {
  it.each(Object.entries(ESCAPES))('%s in a GIFT file is removed on import', async (_name, seq) => {
    const dir = tempDir();
    const file = join(dir, 'in.gift');
    // In the stem: inside {...} (and before a title's ::) the = # \\ of some sequences are GIFT syntax.
    writeFileSync(file, `::Ports::Which port${seq} does the daemon use? {\n=80 #Right.\n~443 #No.\n}\n`);
    const out = join(dir, 'pack');
    const r = await runCli(['pack', 'import', file, '--from', 'gift', '--out', out]);
    expect(r.code).toBe(0);
    for (const f of filesUnder(out).filter((f) => f.endsWith('.yaml'))) expect(CONTROL_CHARS.test(readFileSync(f, 'utf8')), f).toBe(false);
    expect((await runCli(['pack', 'validate', out])).code).toBe(0);
  });

  it.each(Object.entries(ESCAPES))('%s in an Anki export is removed on import', async (_name, seq) => {
    const dir = tempDir();
    const file = join(dir, 'in.txt');
    writeFileSync(file, `#separator:tab\n#html:false\nFront${seq}\tBack${seq}\n`);
    const out = join(dir, 'pack');
    expect((await runCli(['pack', 'import', file, '--from', 'anki', '--out', out])).code).toBe(0);
    for (const f of filesUnder(out).filter((f) => f.endsWith('.yaml'))) expect(CONTROL_CHARS.test(readFileSync(f, 'utf8')), f).toBe(false);
  });

  it('a pack carrying an escape is refused, so the trainer never shows it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'pack.yaml'), 'format: 1\nid: hostile\ntitle: T\nversion: 1.0.0\ndomains: [{id: d, title: D, weight: 1}]\ntopics: [{id: t, title: T, domain: d}]\n');
    writeFileSync(join(dir, 'items.yaml'), 'topic: t\ncards:\n  - id: c\n    front: "\\e]52;c;ZXZpbA==\\a"\n    back: B\n');
    const r = await runCli(['packs', '--packs-dir', dir]);
    expect(r.stdout).not.toContain('hostile');
    expect(r.stderr).toContain('has 1 problem and was not loaded (first: items.yaml:4:12 cards[0].front: a card front contains a terminal control character)');
    expect(CONTROL_CHARS.test(r.stdout + r.stderr)).toBe(false);
  });
});
