import { describe, expect, it } from 'vitest';
import { createExam } from '../../src/domain/exam/create-exam.js';
import { scoreExam } from '../../src/domain/exam/score.js';
import { emptyProgress } from '../../src/domain/progress/state.js';
import { reportLines } from '../../src/ui/report-lines.js';
import { blueprintPack } from '../helpers/packs.js';
import { choiceQuestions } from '../../src/domain/pack/types.js';

describe('the report as lines', () => {
  it('draws each domain bar in blocks and leaves the titles as written, dots and hashes too', () => {
    const base = blueprintPack();
    const pack = { ...base, domains: base.domains.map((d, i) => ({ ...d, title: i === 0 ? 'Ops. #1 (v2.0)' : d.title })) };
    const now = new Date('2026-11-20T09:00:00Z');
    const { spec } = createExam(pack, emptyProgress(), { seed: 1, now, questions: 12 });
    const answers = spec.questionIds.map((id) => choiceQuestions(pack).find((q) => q.id === id)!.options.flatMap((o, i) => (o.correct ? [i] : [])));
    const record = { ...spec, startedAt: now.toISOString(), endedAt: now.toISOString(), outcome: 'submitted' as const, elapsedMs: 1, answers, flags: answers.map(() => false), result: scoreExam(pack, spec, answers) };
    const text = reportLines(pack, record, 100).map((l) => l.map((s) => s.text).join(''));
    const row = text.find((l) => l.startsWith('Ops.'))!;
    expect(row).toMatch(/^Ops\. #1 \(v2\.0\) +█+ +\d+\/\d+$/);
  });
});
