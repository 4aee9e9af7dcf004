/**
 * `examdrill settings [KEY [VALUE]]`: show a pack's settings, one, or change one. Changes are
 * events in the review log, like every other change to progress.
 */
import { formatSetting, parseSetting, SETTING_FIELDS, SETTING_HELP, type SettingKey } from '../../domain/progress/settings.js';
import { effectiveSettings } from '../../domain/progress/state.js';
import { closestWord } from '../../domain/text/closest-word.js';
import { optimizeHint } from '../../domain/scheduler/optimizer.js';
import { dayKey } from '../../domain/time/day.js';
import type { CommandContext } from '../command-table.js';
import { choosePack, localOffset, locatePacks, openStore } from '../context.js';
import { UserError } from '../errors.js';
import { writeLine } from '../io.js';

export async function runSettings({ io, args }: CommandContext): Promise<number> {
  const [key, value] = args.positionals;
  const keys = Object.keys(SETTING_FIELDS) as SettingKey[];
  if (key !== undefined && !keys.includes(key as SettingKey)) {
    const guess = closestWord(key, keys);
    throw new UserError(`unknown setting ${key}${guess ? ` (did you mean ${guess}?)` : ''}`, `Settings: ${keys.join(', ')}`);
  }
  const parsed = key !== undefined && value !== undefined ? parseSetting(key as SettingKey, value) : undefined;
  if (typeof parsed === 'string') throw new UserError(parsed, `For example: examdrill settings ${key} ${example(key as SettingKey)}`);
  const located = await locatePacks(args.options, io, { quiet: args.options.json === true });
  const { pack } = choosePack(located, args.options.pack as string | undefined);
  const store = await openStore(located.dataDir, pack.id, io, { autoFlush: false });
  try {
    if (parsed) {
      const now = io.now();
      store.record({ type: 'settings', at: now.toISOString(), day: dayKey(now, localOffset), key: SETTING_FIELDS[key as SettingKey], value: parsed.value });
      writeLine(io.stdout, `${key} = ${formatSetting(parsed.value, key as SettingKey)} (pack ${pack.id})`);
      return 0;
    }
    const settings = effectiveSettings(store.state);
    const shown = key ? [key as SettingKey] : keys;
    if (args.options.json === true) {
      writeLine(io.stdout, JSON.stringify(Object.fromEntries(shown.map((k) => [k, settings[SETTING_FIELDS[k]]])), null, 2));
      return 0;
    }
    if (!key) writeLine(io.stdout, `Settings of ${pack.id}:`);
    for (const k of shown) writeLine(io.stdout, `${k.padEnd(16)} ${formatSetting(settings[SETTING_FIELDS[k]], k).padEnd(12)} ${SETTING_HELP[k]}`);
    const hint = !key || key === 'parameters' ? optimizeHint(store.state, settings.parameters, localOffset) : null;
    if (hint) writeLine(io.stdout, `Hint: ${hint.reason}. Run: examdrill optimize --pack ${pack.id} (it never runs by itself)`);
    return 0;
  } finally {
    await store.close();
  }
}

function example(key: SettingKey): string {
  return { retention: '0.9', 'new-per-day': '20', 'reviews-per-day': '200', 'exam-date': '2027-03-15', theme: 'light', 'extra-minutes': '30', 'learning-steps': '"1m 10m"', fuzz: 'on', 'leech-threshold': '8', parameters: 'default' }[key];
}
