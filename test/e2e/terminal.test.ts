/** What the program does with the terminal itself: its size, its colours, and having none at all. */
import { afterEach, describe, expect, it } from 'vitest';
import stringWidth from 'string-width';
import { bundledPack, disposeAll, freshDataDir, runPiped, startPiped, startPty } from '../helpers/pty.js';

afterEach(disposeAll);

/** The SGR sequences in `raw` that set a foreground or background colour (30-39, 40-49, 90-97, 100-107, 38;..., 48;...). */
function colourCodes(raw: string): string[] {
  const sgr = new RegExp(`${String.fromCharCode(27)}\\[([0-9;]*)m`, 'g');
  return [...raw.matchAll(sgr)].filter((m) => (m[1] ?? '').split(';').some((p) => /^(3\d|4\d|9[0-7]|10[0-7])$/.test(p))).map((m) => JSON.stringify(m[0]));
}

describe('terminal size (e2e)', () => {
  it('asks for a larger window below 60x20 and redraws the home screen after a resize to 80x24', async () => {
    const t = startPty([], { cols: 50, rows: 15 });
    const small = await t.waitFor('Make the window larger');
    expect(small).toContain('needs 60x20');
    expect(small).toContain('(now 50x15)');
    expect(small).not.toContain('Readiness:');

    t.resize(80, 24);
    const home = await t.waitFor('Readiness:');
    expect(home).not.toContain('Make the window larger');
    expect(home.split('\n')[0]).toMatch(/^AWS DevOps .*\d+ due · \d+ new$/);
    expect(home.split('\n')[22]).toContain('Enter next step');
  });

  it('fits the home screen into 60x20: no line wider than the window, the frame at most 19 rows', async () => {
    const t = startPty([], { cols: 60, rows: 20 });
    const screen = await t.waitFor('Readiness:');
    const lines = screen.split('\n');
    expect(lines).toHaveLength(20);
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(60);
    // A line wider than the window would have been wrapped onto the next row by the terminal.
    expect(t.wrappedRows()).toEqual([]);
    // Title on the first row (nothing scrolled off), the footer on row 19, the last row blank.
    expect(lines[0]).toMatch(/^AWS DevOps .*\d+ due · \d+ new$/);
    expect(lines[1]).toMatch(/^─{59}$/);
    expect(lines[17]).toMatch(/^─{59}$/);
    expect(lines[18]).toMatch(/^Enter next step · /);
    expect(lines[19]).toBe('');
  });
});

describe('colour (e2e)', () => {
  it('draws colours by default (the check below can see them)', async () => {
    const t = startPty(['exam', '--questions', '5', '--minutes', '10', '--seed', '7'], { rows: 60 });
    await t.waitFor('Question 1');
    expect(colourCodes(t.raw()).length).toBeGreaterThan(0);
  });

  it('NO_COLOR=1: no colour codes on the home screen or in an exam', async () => {
    const t = startPty([], { noColor: true });
    await t.waitFor('Readiness:');
    t.press('e');
    await t.waitFor(/Q 1\/\d+ · 0 answered/);
    t.press('b');
    await t.waitFor(/Q 1\/\d+ · 1 answered/);
    expect(colourCodes(t.raw())).toEqual([]);
  });

  it('--no-color: no colour codes in an exam', async () => {
    const t = startPty(['exam', '--no-color', '--questions', '5', '--minutes', '10', '--seed', '7'], { rows: 60 });
    await t.waitFor('Question 1');
    t.press('b');
    await t.waitFor('1 answered');
    expect(colourCodes(t.raw())).toEqual([]);
  });
});

describe('no terminal (e2e)', () => {
  const PROMPT = /(reveal|rate 1-4|answer)> $/;
  const promptCount = (out: string) => out.match(/(reveal|rate 1-4|answer)> /g)?.length ?? 0;

  it('study with pipes runs in plain mode: the pack line first, then reveal>; q exits 0', async () => {
    const { title, version } = bundledPack();
    const result = await runPiped(['study'], { dataDir: freshDataDir(), input: 'q\n' });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(`${title} ${version}`);
    expect(result.stdout).toMatch(/^reveal> $/m);
    expect(result.stdout).toMatch(/^Session done: 0 answered/m);
    // No cursor movement and no colour: not one escape sequence.
    expect(result.stdout).not.toContain(String.fromCharCode(27));
  });

  it('study with pipes asks reveal> for a card and answer> for a question, one line at a time', async () => {
    const { title, version } = bundledPack();
    const p = startPiped(['study'], { dataDir: freshDataDir() });
    const seen = new Set<string>();
    let prompts = 0;
    // Reply 1 to every prompt (reveal, rate Again, pick option 1) until both kinds of item came up.
    for (let i = 0; i < 40; i += 1) {
      const out = await p.waitForOutput((o) => promptCount(o) > prompts && PROMPT.test(o));
      prompts = promptCount(out);
      seen.add(PROMPT.exec(out)![1]!);
      if (seen.has('reveal') && seen.has('answer')) break;
      p.writeLine('1');
    }
    expect([...seen].sort()).toEqual(['answer', 'rate 1-4', 'reveal']);
    p.writeLine('q');
    const result = await p.exited;
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(`${title} ${version}`);
    // A question lists its options as "1) ..." right before its prompt.
    expect(result.stdout).toMatch(/^1\) .+\n(?:\d\) .+\n)+(?:Choose \d\.\n)?answer> q?$/m);
    expect(result.stdout).toMatch(/^1 Again \(.+\) {3}2 Hard \(.+\) {3}3 Good \(.+\) {3}4 Easy \(.+\)$/m);
    expect(result.stdout).not.toContain(String.fromCharCode(27));
  });
});
