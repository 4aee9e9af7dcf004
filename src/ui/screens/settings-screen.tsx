/**
 * The pack's settings: choose one with ↑↓, Enter to type a new value, Enter again to save (Esc
 * cancels). Values are checked by the same parser as `examdrill settings KEY VALUE`, and saved
 * as an event in the review log. One input handler reads the latest state from a ref, so keys
 * typed right after Enter (faster than a render) still land in the value.
 *
 *   retention        0.9      desired retention, 0.70 to 0.99
 * › exam-date        none     your exam day as YYYY-MM-DD, or none
 *   New exam-date: 2027-01-15_
 */
import { useReducer, useRef } from 'react';
import { formatSetting, parseSetting, SETTING_FIELDS, SETTING_HELP, type SettingKey } from '../../domain/progress/settings.js';
import { effectiveSettings } from '../../domain/progress/state.js';
import { optimizeHint } from '../../domain/scheduler/optimizer.js';
import { dayKey } from '../../domain/time/day.js';
import { Frame } from '../components/frame.js';
import { useScreenInput } from '../input-router.js';
import { matchKey } from '../keys/key-map.js';
import type { ScreenProps } from '../screen-props.js';
import { layoutMarkdown, type Line } from '../text/layout.js';

const KEYS = Object.keys(SETTING_FIELDS) as SettingKey[];

interface EditState {
  cursor: number;
  draft: string | null;
  note: string | undefined;
}

export function SettingsScreen({ deps, nav, theme, columns, rows, active }: ScreenProps) {
  const st = useRef<EditState>({ cursor: 0, draft: null, note: undefined });
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const save = (key: SettingKey, raw: string) => {
    const parsed = parseSetting(key, raw);
    if (typeof parsed === 'string') {
      st.current.note = parsed;
      return;
    }
    const now = deps.clock.now();
    deps.port.record({ type: 'settings', at: now.toISOString(), day: dayKey(now, deps.clock.offset), key: SETTING_FIELDS[key], value: parsed.value });
    st.current.note = `Saved: ${key} = ${formatSetting(parsed.value, key)}.`;
    st.current.draft = null;
  };
  useScreenInput(
    (input, k) => {
      const s = st.current;
      const m = matchKey('settings', input, k);
      if (m?.command === 'interrupt') return nav.exit(130); // Ctrl-C quits while typing too
      if (s.draft !== null) {
        if (k.escape) s.draft = null;
        else if (k.backspace || k.delete) s.draft = s.draft.slice(0, -1);
        else if (k.return) save(KEYS[s.cursor]!, s.draft);
        else if (input && !k.ctrl && !k.meta && /^[\x20-\x7e]+$/.test(input)) s.draft = `${s.draft}${input}`.slice(0, 40);
        return rerender();
      }
      s.note = undefined;
      if (m?.command === 'up') s.cursor = Math.max(0, s.cursor - 1);
      else if (m?.command === 'down') s.cursor = Math.min(KEYS.length - 1, s.cursor + 1);
      else if (m?.command === 'edit') s.draft = '';
      else if (m?.command === 'back') return nav.back();
      else if (m?.command === 'help') return nav.push({ name: 'help', screen: 'settings' });
      else if (input && /^[\x20-\x7e]+$/.test(input)) s.note = `"${input}" does nothing here: press ? for the keys.`;
      rerender();
    },
    active,
  );
  const { cursor, draft, note } = st.current;
  const key = KEYS[cursor]!;
  const settings = effectiveSettings(deps.port.state);
  const body: Line[] = KEYS.map((k, i) => [
    { text: i === cursor ? '› ' : '  ', role: 'selected', bold: true },
    { text: k.padEnd(17), bold: i === cursor },
    { text: formatSetting(settings[SETTING_FIELDS[k]], k).padEnd(12), role: 'accent' },
    { text: SETTING_HELP[k], role: 'dim' },
  ]);
  const hint = optimizeHint(deps.port.state, settings.parameters, deps.clock.offset);
  if (hint) body.push([], ...layoutMarkdown(`Hint: ${hint.reason}. Run examdrill optimize to fit it (it never runs by itself).`, columns - 1, { role: 'accent' }));
  if (draft !== null) body.push([], [{ text: `New ${key}: ` }, { text: `${draft}_`, bold: true, role: 'accent' }], [{ text: 'Enter saves, Esc cancels.', role: 'dim' }]);
  return <Frame title={`${deps.pack.title} · settings`} body={body} screen="settings" theme={theme} columns={columns} rows={rows} message={note} />;
}
