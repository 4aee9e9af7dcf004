/**
 * Leeches and suspending (issue 13): an item forgotten `leech-threshold` times (8) is suspended
 * from study once, with a notice, and listed in stats with the wrong answers it drew; it counts
 * in readiness as not known; undoing the lapse brings it back; the learner can suspend and
 * unsuspend any item. Through the real progress store on disk.
 */
import { describe, expect, it } from 'vitest';
import { correctIndices, type ChoiceQuestion } from '../../../src/domain/pack/types.js';
import { computeStats } from '../../../src/domain/stats/stats.js';
import { becameLeech, isLeechLapse, rateCard, setSuspended, undoReview, type StudyContext } from '../../../src/domain/study/actions.js';
import { nextStudyItem, studyCounts } from '../../../src/domain/study/queue.js';
import { utcOffset } from '../../../src/domain/time/day.js';
import type { ProgressEvent } from '../../../src/domain/progress/events.js';
import { openProgressStore } from '../../../src/store/progress/progress-store.js';
import { blueprintPack } from '../../helpers/packs.js';
import { runCli, tempDir } from '../../helpers/run-cli.js';

describe('isLeechLapse', () => {
  it('marks the threshold lapse, then every half threshold', () => {
    expect([6, 7, 8, 9, 10, 11, 12, 16].map((n) => isLeechLapse(n, 8))).toEqual([false, false, true, false, false, false, true, true]);
    expect([2, 3, 4].map((n) => isLeechLapse(n, 2))).toEqual([true, true, true]);
  });
});

describe('a card forgotten 8 times', () => {
  it('becomes a leech once: suspended from study, listed in stats, not known in readiness; undo brings it back', async () => {
    const pack = blueprintPack([2, 2, 2, 2, 2, 2]);
    const card = pack.cards[0]!;
    let t = Date.UTC(2026, 10, 1, 9);
    const clock = { now: () => new Date(t), offset: utcOffset };
    const store = await openProgressStore(tempDir(), pack.id, { autoFlush: false });
    const ctx: StudyContext = { pack, port: store, clock };
    const leechEvents: ProgressEvent[] = [];
    let last: ProgressEvent | undefined;
    for (let guard = 0; guard < 200 && (store.state.items[card.id]?.card?.lapses ?? 0) < 8; guard += 1) {
      const phase = store.state.items[card.id]?.card?.phase ?? 'new';
      last = rateCard(ctx, card, phase === 'review' ? 1 : 3, 4000, 'study');
      if (becameLeech(ctx, last)) leechEvents.push(last);
      t += 3 * 86_400_000;
    }
    expect(store.state.items[card.id]!.card!.lapses).toBe(8);
    expect(leechEvents).toEqual([last]);
    expect(store.state.items[card.id]!.suspended).toMatchObject({ reason: 'leech', lapses: 8 });

    const q = { pack, state: store.state, now: new Date(t + 30 * 86_400_000), offset: utcOffset };
    for (let i = 0; i < 50; i += 1) expect(nextStudyItem(q)?.id).not.toBe(card.id);
    const stats = computeStats(pack, store.state, q.now, utcOffset);
    expect(stats.suspended).toMatchObject({ count: 1, leeches: [{ item: card.id, kind: 'card', lapses: 8 }] });
    expect(stats.topics.find((tp) => tp.id === card.topic)!.mastery).toBe(0);

    // Undo the lapse that made it a leech: the item is back in study, as it was.
    undoReview(ctx, last!);
    expect(store.state.items[card.id]!.suspended).toBeUndefined();
    expect(store.state.items[card.id]!.card!.lapses).toBe(7);
    await store.close();
  });

  it('a suspended item leaves the due counts; unsuspended it is due again', async () => {
    const pack = blueprintPack([1, 1, 1, 1, 1, 1]);
    const t = Date.UTC(2026, 10, 1, 9);
    const store = await openProgressStore(tempDir(), pack.id, { autoFlush: false });
    const ctx: StudyContext = { pack, port: store, clock: { now: () => new Date(t), offset: utcOffset } };
    const counts = () => studyCounts({ pack, state: store.state, now: new Date(t), offset: utcOffset });
    const before = counts().unseen;
    setSuspended(ctx, pack.questions[0]!, true);
    expect(counts().unseen).toBe(before - 1);
    setSuspended(ctx, pack.questions[0]!, false);
    expect(counts().unseen).toBe(before);
    // A question answered right, then suspended, counts in readiness as not known (a guess).
    const q = pack.questions[1]! as ChoiceQuestion;
    const { answerQuestion } = await import('../../../src/domain/study/actions.js');
    answerQuestion(ctx, q, correctIndices(q), 4000, 'study');
    const known = computeStats(pack, store.state, new Date(t), utcOffset).readiness.scaled;
    setSuspended(ctx, q, true);
    expect(computeStats(pack, store.state, new Date(t), utcOffset).readiness.scaled).toBeLessThan(known);
    await store.close();
  });
});

describe('examdrill item suspend | unsuspend', () => {
  it('suspends and brings back an item of the bundled pack, and says so when nothing changes', async () => {
    const env = { EXAMDRILL_DATA_DIR: tempDir() };
    const id = 'lambda-vpc-q-reach-rds';
    const s = await runCli(['item', 'suspend', id], { env });
    expect(s.stderr).toBe('');
    expect(s.stdout).toBe(`${id} suspended: it leaves study, quiz and exam still ask it. Undo with: examdrill item unsuspend ${id}\n`);
    const stats = JSON.parse((await runCli(['stats', '--json'], { env })).stdout) as { suspended: { count: number } };
    expect(stats.suspended.count).toBe(1);
    expect((await runCli(['item', 'suspend', id], { env })).stdout).toMatch(/already suspended; nothing changed/);
    expect((await runCli(['item', 'unsuspend', id], { env })).stdout).toBe(`${id} is back in study.\n`);
    const bad = await runCli(['item', 'suspend', 'lambda-vpc-q-reach-rdz'], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(`examdrill: no item lambda-vpc-q-reach-rdz in pack aws-dop-c02 (did you mean ${id}?)\nItem ids are in the pack's YAML files; \`examdrill stats\` lists the leeches.\n`);
  });
});
