/**
 * Settings changed on two devices: the change that sorts last (time, then id) wins, as for every
 * event, and the learner is told. A conflict is a setting whose last two changes came from
 * different devices with different values: the later one replaced the other device's value.
 */
import type { ProgressEvent } from './events.js';
import { compareEvents } from './order.js';
import { SETTING_FIELDS, type PackSettings, type SettingKey } from './settings.js';

/** A settings event and the device whose log it came from. */
export interface DeviceEvent {
  readonly event: ProgressEvent;
  readonly device: string;
}

export interface SettingsConflict {
  /** The setting's command-line name (`exam-date`). */
  readonly setting: string;
  readonly value: unknown;
  readonly device: string;
  readonly at: string;
  /** The other device's value the winning change replaced. */
  readonly replaced: { readonly value: unknown; readonly device: string; readonly at: string };
}

const NAMES = Object.fromEntries(Object.entries(SETTING_FIELDS).map(([name, field]) => [field, name])) as Record<keyof PackSettings, SettingKey>;

export function settingsConflicts(events: readonly DeviceEvent[]): SettingsConflict[] {
  const byKey = new Map<string, DeviceEvent[]>();
  for (const e of events) {
    if (e.event.type !== 'settings') continue;
    const list = byKey.get(e.event.key) ?? [];
    list.push(e);
    byKey.set(e.event.key, list);
  }
  const out: SettingsConflict[] = [];
  for (const [key, list] of [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    list.sort((a, b) => compareEvents(a.event, b.event));
    const win = list.at(-1)!;
    const prev = list.at(-2);
    if (!prev || prev.device === win.device) continue;
    const value = (win.event as { value: unknown }).value;
    const before = (prev.event as { value: unknown }).value;
    if (JSON.stringify(value) === JSON.stringify(before)) continue;
    out.push({ setting: NAMES[key as keyof PackSettings] ?? key, value, device: win.device, at: win.event.at, replaced: { value: before, device: prev.device, at: prev.event.at } });
  }
  return out;
}
