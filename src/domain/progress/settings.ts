/** A pack's study settings, with defaults, and how `examdrill settings KEY VALUE` parses them. */
import { DEFAULT_SCHEDULER, type SchedulerSettings } from '../scheduler/fsrs-adapter.js';
import type { FittedParameters } from '../scheduler/optimizer.js';

export interface PackSettings {
  /** Desired retention, 0.70-0.99 (default 0.90). */
  readonly retention: number;
  readonly newPerDay: number;
  readonly reviewsPerDay: number;
  /** The learner's exam day, YYYY-MM-DD; study planning aims at it. */
  readonly examDate: string | null;
  readonly theme: 'dark' | 'light';
  /** Extra exam minutes (an accommodation, e.g. 30). */
  readonly extraMinutes: number;
  readonly learningSteps: readonly string[];
  readonly fuzz: boolean;
  /** Lapses that make an item a leech: suspended from study, listed in stats (default 8). */
  readonly leechThreshold: number;
  /** FSRS parameters fitted to this learner by `examdrill optimize`; null for FSRS-6's defaults. */
  readonly parameters: FittedParameters | null;
}

export const DEFAULT_SETTINGS: PackSettings = {
  retention: 0.9,
  newPerDay: 20,
  reviewsPerDay: 200,
  examDate: null,
  theme: 'dark',
  extraMinutes: 0,
  learningSteps: ['1m', '10m'],
  fuzz: true,
  leechThreshold: 8,
  parameters: null,
};

export type SettingKey = 'retention' | 'new-per-day' | 'reviews-per-day' | 'exam-date' | 'theme' | 'extra-minutes' | 'learning-steps' | 'fuzz' | 'leech-threshold' | 'parameters';

export const SETTING_FIELDS: Record<SettingKey, keyof PackSettings> = {
  retention: 'retention',
  'new-per-day': 'newPerDay',
  'reviews-per-day': 'reviewsPerDay',
  'exam-date': 'examDate',
  theme: 'theme',
  'extra-minutes': 'extraMinutes',
  'learning-steps': 'learningSteps',
  fuzz: 'fuzz',
  'leech-threshold': 'leechThreshold',
  parameters: 'parameters',
};

export const SETTING_HELP: Record<SettingKey, string> = {
  retention: 'desired retention, 0.70 to 0.99',
  'new-per-day': 'new items a day, 0 to 9999',
  'reviews-per-day': 'reviews a day, 0 to 99999',
  'exam-date': 'your exam day as YYYY-MM-DD, or none',
  theme: 'dark or light (for light terminal backgrounds)',
  'extra-minutes': 'extra mock-exam minutes (accommodation), 0 to 600',
  'learning-steps': 'learning steps such as "1m 10m"',
  fuzz: 'on or off: spread due dates a little',
  'leech-threshold': 'lapses that make an item a leech (suspended), 2 to 99',
  parameters: 'memory model: default, or fitted by examdrill optimize',
};

/** Parses a value for a key; a string result is the error message. */
export function parseSetting(key: SettingKey, raw: string): { value: PackSettings[keyof PackSettings] } | string {
  const v = raw.trim();
  const int = (min: number, max: number) => (/^\d+$/.test(v) && Number(v) >= min && Number(v) <= max ? { value: Number(v) } : `${key} must be a whole number from ${min} to ${max}`);
  switch (key) {
    case 'retention': {
      const n = Number(v);
      return /^0?\.\d+$/.test(v) && n >= 0.7 && n <= 0.99 ? { value: n } : 'retention must be a number from 0.70 to 0.99';
    }
    case 'new-per-day':
      return int(0, 9999);
    case 'reviews-per-day':
      return int(0, 99999);
    case 'extra-minutes':
      return int(0, 600);
    case 'leech-threshold':
      return int(2, 99);
    case 'exam-date':
      if (v === 'none' || v === '') return { value: null };
      return /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v) ? { value: v } : 'exam-date must be a date as YYYY-MM-DD, or none';
    case 'theme':
      return v === 'dark' || v === 'light' ? { value: v } : 'theme must be dark or light';
    case 'fuzz':
      return v === 'on' || v === 'off' ? { value: v === 'on' } : 'fuzz must be on or off';
    case 'parameters':
      return v === 'default' ? { value: null } : 'parameters can only be set to default (examdrill optimize fits them)';
    case 'learning-steps': {
      const steps = v.split(/[\s,]+/).filter(Boolean);
      return steps.length > 0 && steps.length <= 10 && steps.every((s) => /^\d+(\.\d+)?[mhd]$/.test(s)) ? { value: steps } : 'learning-steps must be steps such as "1m 10m" (m, h or d)';
    }
  }
}

export function formatSetting(value: PackSettings[keyof PackSettings], key?: SettingKey): string {
  // null parameters are FSRS-6's defaults, not an absence: `settings parameters default` sets them.
  if (value === null) return key === 'parameters' ? 'default' : 'none';
  if (Array.isArray(value)) return value.join(' ');
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (typeof value === 'object' && 'fittedAt' in value) return `fitted ${value.fittedAt.slice(0, 10)} from ${value.reviews} reviews`;
  return String(value);
}

export function schedulerSettings(s: PackSettings): SchedulerSettings {
  return { ...DEFAULT_SCHEDULER, retention: s.retention, learningSteps: s.learningSteps, fuzz: s.fuzz, ...(s.parameters ? { parameters: s.parameters.w } : {}) };
}
