/**
 * Argument parsing against the command table: every option is declared, so an unknown one or a
 * bad value is a user error that names the option and suggests the closest real one.
 */
import { closestWord } from '../domain/text/closest-word.js';
import { UserError } from './errors.js';

/** `paths`: one or more values, as a shell glob expands them (`--results a.json b.json`), up to the next option; repeatable. */
export type OptionKind = 'boolean' | 'string' | 'integer' | 'date' | 'strings' | 'paths';

export interface OptionSpec {
  readonly name: string;
  readonly kind: OptionKind;
  readonly description: string;
  readonly short?: string;
  readonly value?: string;
  readonly min?: number;
  readonly max?: number;
  readonly choices?: readonly string[];
}

export type OptionValues = Record<string, string | number | boolean | string[] | undefined>;

export interface ParsedArgs {
  readonly options: OptionValues;
  readonly positionals: readonly string[];
}

export function parseArgs(argv: readonly string[], specs: readonly OptionSpec[], usage: string): ParsedArgs {
  const options: OptionValues = {};
  const positionals: string[] = [];
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg);
      continue;
    }
    let name: string;
    let inline: string | undefined;
    let spec: OptionSpec | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      inline = eq >= 0 ? arg.slice(eq + 1) : undefined;
      spec = byName.get(name);
    } else {
      name = arg.slice(1);
      spec = byShort.get(name);
    }
    if (!spec) {
      const guess = closestWord(name, specs.map((s) => s.name));
      throw new UserError(`unknown option ${arg}${guess ? ` (did you mean --${guess}?)` : ''}`, `See: ${usage} --help`);
    }
    if (spec.kind === 'boolean') {
      if (inline !== undefined) throw new UserError(`--${spec.name} takes no value`, `Write it alone: --${spec.name}`);
      options[spec.name] = true;
      continue;
    }
    const raw = inline ?? argv[++i];
    if (raw === undefined || (inline === undefined && raw.startsWith('--'))) {
      throw new UserError(`--${spec.name} needs a value (${spec.value ?? spec.kind})`, `For example: --${spec.name} ${example(spec)}`);
    }
    const value = convert(spec, raw);
    if (spec.kind === 'paths') {
      const values = [...((options[spec.name] as string[] | undefined) ?? []), value as string];
      while (inline === undefined && i + 1 < argv.length && !argv[i + 1]!.startsWith('-')) values.push(argv[++i]!);
      options[spec.name] = values;
      continue;
    }
    if (spec.kind === 'strings') options[spec.name] = [...((options[spec.name] as string[] | undefined) ?? []), value as string];
    else options[spec.name] = value;
  }
  return { options, positionals };
}

function convert(spec: OptionSpec, raw: string): string | number {
  switch (spec.kind) {
    case 'integer': {
      if (!/^-?\d+$/.test(raw)) throw new UserError(`--${spec.name} must be a whole number, not "${raw}"`, `For example: --${spec.name} ${example(spec)}`);
      const n = Number(raw);
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) {
        throw new UserError(`--${spec.name} must be between ${spec.min ?? '-inf'} and ${spec.max ?? 'inf'}, not ${n}`, `For example: --${spec.name} ${example(spec)}`);
      }
      return n;
    }
    case 'date': {
      if (!isValidDate(raw)) throw new UserError(`--${spec.name} must be a date as YYYY-MM-DD, not "${raw}"`, `For example: --${spec.name} 2027-03-15`);
      return raw;
    }
    default:
      if (spec.choices && !spec.choices.includes(raw)) {
        throw new UserError(`--${spec.name} must be one of ${spec.choices.join(', ')}, not "${raw}"`, `For example: --${spec.name} ${spec.choices[0]}`);
      }
      if (raw === '') throw new UserError(`--${spec.name} needs a value`, `For example: --${spec.name} ${example(spec)}`);
      return raw;
  }
}

export function isValidDate(raw: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

function example(spec: OptionSpec): string {
  if (spec.choices) return spec.choices[0]!;
  if (spec.kind === 'integer') return String(spec.min !== undefined && spec.min > 10 ? spec.min : 10);
  return spec.value ?? 'VALUE';
}
