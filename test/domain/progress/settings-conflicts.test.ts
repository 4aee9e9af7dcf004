import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../../src/domain/progress/events.js';
import { settingsConflicts } from '../../../src/domain/progress/settings-conflicts.js';

const set = (id: string, s: number, value: unknown, device: string, key = 'examDate') => ({
  event: { id, type: 'settings', key, value, at: new Date(Date.UTC(2026, 10, 1, 8, 0, s)).toISOString(), day: '2026-11-01' } as ProgressEvent,
  device,
});

describe('settings conflicts between devices', () => {
  it.each([
    ['two devices, different values: the later wins over the other', [set('a', 1, '2027-03-15', 'lap'), set('b', 2, '2027-04-01', 'desk')], [['exam-date', '2027-04-01', 'desk', '2027-03-15', 'lap']]],
    ['in time order, not list order', [set('b', 2, '2027-04-01', 'desk'), set('a', 1, '2027-03-15', 'lap')], [['exam-date', '2027-04-01', 'desk', '2027-03-15', 'lap']]],
    ['one device changing its mind is no conflict', [set('a', 1, '2027-03-15', 'lap'), set('b', 2, '2027-04-01', 'lap')], []],
    ['the same value on both is no conflict', [set('a', 1, 0.9, 'lap', 'retention'), set('b', 2, 0.9, 'desk', 'retention')], []],
    ['only the last two changes count', [set('a', 1, 10, 'desk', 'newPerDay'), set('b', 2, 20, 'lap', 'newPerDay'), set('c', 3, 30, 'lap', 'newPerDay')], []],
  ])('%s', (_name, events, expected) => {
    expect(settingsConflicts(events).map((c) => [c.setting, c.value, c.device, c.replaced.value, c.replaced.device])).toEqual(expected);
  });
});
