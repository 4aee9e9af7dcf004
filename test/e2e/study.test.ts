/** Study and quiz sessions in a real terminal: keys typed, the screen read back, progress saved. */
import { afterEach, describe, expect, it } from 'vitest';
import { bundledQuestions, disposeAll, runPiped, startPty, waitForExit } from '../helpers/pty.js';

afterEach(disposeAll);

/** Text with Markdown code marks removed and runs of white space made one space. */
function flat(text: string): string {
  return text.replace(/`/g, '').replace(/\s+/g, ' ').trim();
}

/** The body rows of a frame: between the rule under the title and the rule over the footer. */
function body(screen: string): string[] {
  const lines = screen.split('\n');
  const rules = lines.flatMap((l, i) => (/^─{20,}$/.test(l) ? [i] : []));
  return lines.slice((rules[0] ?? 0) + 1, rules[rules.length - 1] ?? lines.length);
}

describe('study session (e2e)', () => {
  it('Enter on home shows a card, Space shows its back and the ratings, 3 moves on; stats --json counts the rating', async () => {
    const t = startPty([]);
    await t.waitFor('Readiness:');
    t.press('Enter');

    const front = await t.waitFor('Space or Enter shows the answer.');
    expect(front.split('\n')[0]).toMatch(/\s{2}due \d+ · new \d+$/);
    const rows = body(front);
    expect(rows[0]).toMatch(/^Card · /);
    const question = rows.slice(1).find((l) => l.trim() !== '')!;
    expect(question.length).toBeGreaterThan(10);

    t.press('Space');
    const back = await t.waitFor(/Again/);
    expect(back).toMatch(/1\s+Again\s+\S+\s+2\s+Hard\s+\S+\s+› 3\s+Good\s+\S+\s+4\s+Easy\s+\S+/);
    expect(back).not.toContain('Space or Enter shows the answer.');
    expect(back).toContain(question);
    // The back sits under a rule inside the body, below the front.
    expect(body(back).some((l) => /^─{10,}$/.test(l))).toBe(true);

    t.press('3');
    const next = await t.waitFor((s) => !s.includes(question) && /^(Card|Question) · /m.test(s));
    expect(next).not.toMatch(/Again/);

    t.press('q');
    await t.waitFor('Readiness:');
    t.press('q');
    expect(await waitForExit(t)).toEqual({ exitCode: 0, signal: 0 });

    const stats = await runPiped(['stats', '--json'], { dataDir: t.dataDir });
    expect(stats.code).toBe(0);
    const json = JSON.parse(stats.stdout) as { reviews: { total: number } };
    expect(json.reviews.total).toBe(1);
  });
});

describe('quiz (e2e)', () => {
  it('a letter picks, Enter answers: correct or wrong, with every option and its why', async () => {
    // Tall enough for the whole feedback, so every option and its why are on the screen at once.
    const t = startPty(['quiz', '--seed', '1', '--count', '2'], { rows: 60 });
    const first = await t.waitFor('Question 1 of 2');
    expect(first.split('\n')[0]).toMatch(/ 1\/2$/);
    expect(first).toMatch(/^› \( \) a\) /m);
    const letters = [...first.matchAll(/^[› ] \( \) ([a-h])\) /gm)].map((m) => m[1]);
    expect(letters.length).toBeGreaterThanOrEqual(3);

    t.press('a');
    await t.waitFor(/^› \(•\) a\) /m);
    t.press('Enter');
    const feedback = await t.waitFor('(your pick)');
    const rows = body(feedback);
    expect(rows[0]).toMatch(/^ (correct|wrong) {3}\S/);
    // Every option again, the picked one marked ✓ (right) or ✗ (wrong), the right one with ✓.
    expect([...feedback.matchAll(/^[✓✗ ] ([a-h])\)/gm)].map((m) => m[1])).toEqual(letters);
    expect(feedback).toMatch(/^[✓✗] a\).*\(your pick\)$/m);
    expect(feedback).toMatch(/^✓ [a-h]\)/m);

    // Each option's why, as the pack writes it (Markdown code marks drawn as plain text).
    const stemLine = rows.slice(1).find((l) => l.length > 30 && !/^[✓✗ ] [a-h]\)/.test(l))!;
    const question = bundledQuestions().find((q) => flat(q.stem).includes(flat(stemLine)));
    expect(question, `no question in the pack has the stem line ${stemLine}`).toBeDefined();
    const shown = flat(rows.join('\n'));
    for (const o of question!.options) expect(shown).toContain(flat(o.why ?? '(no reason given)'));

    t.press('Enter');
    await t.waitFor('Question 2 of 2');
    t.press('q');
    expect(await waitForExit(t)).toEqual({ exitCode: 0, signal: 0 });
  });

  it('the feedback writes each option as "a) text", with the space after the letter', async () => {
    const t = startPty(['quiz', '--seed', '1', '--count', '2'], { rows: 60 });
    await t.waitFor('Question 1 of 2');
    t.press('a');
    await t.waitFor(/^› \(•\) a\) /m);
    t.press('Enter');
    const feedback = await t.waitFor('(your pick)');
    // The question screen shows "a) Change ..."; the feedback must show the same option the same way.
    const option = body(feedback).find((l) => l.includes('(your pick)'))!;
    expect(option).toMatch(/^[✓✗] a\) \S/);
  });
});
