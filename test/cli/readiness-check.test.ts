/**
 * Readiness checked against the learner's own mock exams (issue 13): each exam keeps the
 * readiness predicted when it started; the report shows predicted against scored; stats gives
 * the mean absolute error, and after two exams the readiness line is a range of that width.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readinessCheck } from '../../src/domain/stats/stats.js';
import { progressFiles } from '../helpers/progress-files.js';
import { runCli, tempDir } from '../helpers/run-cli.js';

const env = (data: string) => ({ EXAMDRILL_DATA_DIR: data });
const exam = (predicted: number | undefined, scored: number) => ({ ...(predicted === undefined ? {} : { predicted: { scaled: predicted } }), result: { scaled: scored } });

describe('readinessCheck', () => {
  it('has nothing to say before an exam kept a prediction, an error after one, a range after two, within 100-1000', () => {
    expect(readinessCheck(600, [exam(undefined, 700)])).toEqual({ exams: 0, meanAbsoluteError: null, range: null });
    expect(readinessCheck(600, [exam(650, 700)])).toEqual({ exams: 1, meanAbsoluteError: 50, range: null });
    expect(readinessCheck(600, [exam(650, 700), exam(700, 590), exam(undefined, 100)])).toEqual({ exams: 2, meanAbsoluteError: 80, range: [520, 680] });
    expect(readinessCheck(950, [exam(900, 1000), exam(1000, 900)]).range).toEqual([850, 1000]);
    expect(readinessCheck(120, [exam(300, 100), exam(100, 300)]).range).toEqual([100, 320]);
  });
});

describe('a mock exam checks readiness', () => {
  it('keeps the prediction in the log, reports it against the score, and stats turns two into a range', async () => {
    const data = tempDir();
    const report = join(tempDir(), 'report.md');
    const before = JSON.parse((await runCli(['stats', '--json'], { env: env(data) })).stdout) as { readiness: { scaled: number; scope: string } };
    expect(before.readiness.scope).toBe('pack-topics');

    const first = await runCli(['exam', '--questions', '3', '--minutes', '20', '--seed', '5', '--report', report], { env: env(data), input: 'a\na\na\n\n' });
    expect(first.code).toBe(0);
    const start = readFileSync(progressFiles(data, 'aws-dop-c02').log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { type: string; exam?: { predicted?: { scaled: number } } }).find((e) => e.type === 'exam-start');
    expect(start?.exam?.predicted?.scaled).toBe(before.readiness.scaled);
    const scored = Number(/\nresult: (?:pass|fail) (\d+)\/1000/.exec(first.stdout)?.[1]);
    const diff = scored - before.readiness.scaled;
    const how = diff === 0 ? 'as predicted' : `${Math.abs(diff)} ${diff > 0 ? 'above' : 'below'} the prediction`;
    const line = `Readiness predicted at the start: ${before.readiness.scaled}/1000 on this pack's topics; scored ${scored} (${how}).`;
    expect(first.stdout).toContain(`\n${line}\n`);
    expect(readFileSync(report, 'utf8')).toContain(`\n${line}\n`);

    type S = { readiness: { scaled: number; check: { exams: number; meanAbsoluteError: number | null; range: [number, number] | null } }; exams: { predicted: number | null; scaled: number }[] };
    const one = JSON.parse((await runCli(['stats', '--json'], { env: env(data) })).stdout) as S;
    expect(one.exams.map((e) => e.predicted)).toEqual([before.readiness.scaled]);
    expect(one.readiness.check).toEqual({ exams: 1, meanAbsoluteError: Math.abs(diff), range: null });

    await runCli(['exam', '--questions', '3', '--minutes', '20', '--seed', '9'], { env: env(data), input: 'b\nb\nb\n\n' });
    const two = JSON.parse((await runCli(['stats', '--json'], { env: env(data) })).stdout) as S;
    const errors = two.exams.map((e) => Math.abs(e.scaled - e.predicted!));
    const mae = Math.round((errors[0]! + errors[1]!) / 2);
    expect(two.readiness.check.exams).toBe(2);
    expect(two.readiness.check.meanAbsoluteError).toBe(mae);
    expect(two.readiness.check.range).toEqual([Math.max(100, two.readiness.scaled - mae), Math.min(1000, two.readiness.scaled + mae)]);
    const text = (await runCli(['stats'], { env: env(data) })).stdout;
    expect(text).toContain(`Readiness: ${two.readiness.check.range![0]}-${two.readiness.check.range![1]}/1000 on this pack's topics if the exam were today`);
    expect(text).toContain(`Readiness predictions were off by ${mae} on average over 2 mock exams.`);
  });
});
