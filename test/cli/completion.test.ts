import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/command-table.js';
import { complete, completionScript, type CompletionLists } from '../../src/cli/completion.js';
import { manPage } from '../../src/cli/man-page.js';
import { PROGRAM } from '../helpers/pty.js';
import { runCli, tempDir } from '../helpers/run-cli.js';

const lists: CompletionLists = {
  packs: async () => ['aws-dop-c02', 'networking'],
  topics: async (pack) => (pack === 'networking' ? ['net-dns', 'net-tcp'] : ['eb-cron', 'eb-tiers', 'lambda-vpc']),
  items: async (pack) => (pack === 'networking' ? ['net-q-dns'] : ['eb-cron-c-one', 'eb-cron-q-two']),
};
const words = async (...w: string[]) => {
  const c = await complete(w, lists);
  return c.kind === 'words' ? c.words : c.kind;
};

describe('completion, drawn from the command table', () => {
  it('completes commands, sub-commands and each command’s own options', async () => {
    expect(await words('')).toEqual([...new Set(COMMANDS.filter((c) => c.name !== 'home').map((c) => c.name.split(' ')[0]!))].sort());
    expect(await words('pa')).toEqual(['pack', 'packs']);
    expect(await words('pack', 'i')).toEqual(['import']);
    expect(await words('progress', '')).toEqual(['check', 'export', 'import']);
    expect(await words('quiz', '--m')).toEqual(['--mistakes']);
    expect(await words('exam', '--')).toEqual(COMMANDS.find((c) => c.name === 'exam')!.options.map((o) => `--${o.name}`).sort());
    expect(await words('--')).toContain('--version');
  });

  it('completes option values: choices, pack ids, the topics of the pack given, files and folders', async () => {
    expect(await words('pack', 'import', 'deck.apkg', '--from', '')).toEqual(['anki', 'apkg', 'gift']);
    expect(await words('study', '--pack', '')).toEqual(['aws-dop-c02', 'networking']);
    expect(await words('study', '--topic', 'eb')).toEqual(['eb-cron', 'eb-tiers']);
    expect(await words('study', '--pack', 'networking', '--topic', '')).toEqual(['net-dns', 'net-tcp']);
    expect(await words('exam', '--report', '')).toBe('files');
    expect(await words('study', '--data-dir', '')).toBe('dirs');
    expect(await words('pack', 'lint', '')).toBe('dirs');
    expect(await words('pack', 'import', '')).toBe('files');
    expect(await words('pack', 'remove', '')).toEqual(['aws-dop-c02', 'networking']);
    expect(await words('settings', 're')).toEqual(['retention', 'reviews-per-day']);
    expect(await words('completion', '')).toEqual(['bash', 'fish', 'zsh']);
    expect(await words('item', 'unsuspend', 'eb-cron-q')).toEqual(['eb-cron-q-two']);
    expect(await words('item', 'suspend', '--pack', 'networking', '')).toEqual(['net-q-dns']);
    // An option's value is not taken for a command or a positional.
    expect(await words('--pack', 'aws-dop-c02', 'st')).toEqual(['stats', 'study']);
    expect(await words('pack', 'remove', 'networking', '')).toEqual([]);
  });

  it('works in a real bash with the script the program prints, reading the installed packs', () => {
    const bin = tempDir();
    mkdirSync(join(bin, 'bin'));
    symlinkSync(PROGRAM, join(bin, 'bin', 'examdrill'));
    const run = (line: string) => {
      const cword = line.split(' ').length - 1;
      const script = `source <(examdrill completion bash); COMP_WORDS=(${line.split(' ').map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${cword}; _examdrill_complete; printf '%s\\n' "\${COMPREPLY[@]}"`;
      const env: NodeJS.ProcessEnv = { ...process.env, PATH: `${join(bin, 'bin')}:${process.env.PATH}`, EXAMDRILL_DATA_DIR: tempDir() };
      delete env.CI;
      const r = spawnSync('bash', ['-c', script], { env, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      return r.stdout.split('\n').filter(Boolean);
    };
    expect(run('examdrill pack va')).toEqual(['validate']);
    expect(run('examdrill study --pack ')).toEqual(['aws-dop-c02']);
    expect(run('examdrill quiz --topic lambda-vp')).toEqual(['lambda-vpc']);
  });

  it('prints a script for each shell, and refuses others with the usage', async () => {
    for (const shell of ['bash', 'zsh', 'fish'] as const) {
      const r = await runCli(['completion', shell]);
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(completionScript(shell));
      expect(r.stdout).toContain('examdrill completion --complete --');
    }
    const bad = await runCli(['completion', 'powershell']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('examdrill: no completion for powershell\nUsage: examdrill completion bash|zsh|fish, e.g. source <(examdrill completion bash)\n');
  });
});

describe('the man page, drawn from the command table', () => {
  it('has a section per command with its options, and escapes what troff would misread', () => {
    const page = manPage('9.9.9');
    expect(page.startsWith('.TH EXAMDRILL 1 "" "examdrill 9.9.9"')).toBe(true);
    for (const c of COMMANDS.filter((c) => c.name !== 'home')) expect(page).toContain(`\\fB${c.usage.replaceAll('\\', '\\e').replaceAll('-', '\\-')}\\fR`);
    expect(page).toContain('\\fB\\-\\-mistakes\\fR');
    // No text line starts with a dot or a quote that is not a request.
    for (const line of page.split('\n')) if (/^[.']/.test(line)) expect(line).toMatch(/^\.(TH|SH|TP|IP|PP|RS|RE|B|I|na|ad)\b/);
    expect(page).not.toMatch(/(?<!\\)-(?=-)/);
  });

  it('is what the build wrote into man/, and renders with man(1) where man is installed', () => {
    const built = join(import.meta.dirname, '..', '..', 'man', 'examdrill.1');
    const text = spawnSync('cat', [built], { encoding: 'utf8' }).stdout;
    expect(text).toContain('.SH EXIT STATUS');
    const man = spawnSync('man', ['-l', built], { encoding: 'utf8', env: { ...process.env, MANWIDTH: '80', MAN_KEEP_FORMATTING: '' } });
    if (man.error) return; // no man(1) on this machine
    expect(man.stdout).toMatch(/examdrill progress export --out FILE\.tar\.gz/);
    // A usage too long for one line wraps with single spaces (left-adjusted), not justified.
    expect(man.stdout).toMatch(/examdrill progress export --out FILE\.tar\.gz \[--pack ID\] \| --format\s+revlog-csv \[--pack ID\] \[--out FILE\.csv\]/);
  });
});
