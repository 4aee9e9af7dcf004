/**
 * Shell completion, drawn from the command table like `--help` and the man page. The scripts
 * for bash, zsh and fish are thin: on each Tab they run `examdrill completion --complete --
 * WORDS...`, and `complete()` below says what fits the last word (commands, sub-commands,
 * options, option values, pack and topic ids, or "a file" / "a folder" for the shell to list).
 * One implementation, so the three shells cannot disagree, and it is tested in TypeScript.
 */
import type { OptionSpec } from './args.js';
import { COMMAND_GROUPS, COMMANDS, type CommandSpec } from './command-table.js';

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export type Completion = { readonly kind: 'words'; readonly words: readonly string[] } | { readonly kind: 'files' | 'dirs' };

/** What completion may need to know beyond the table: the ids of the installed packs and topics. */
export interface CompletionLists {
  packs(): Promise<readonly string[]>;
  topics(packId: string | undefined): Promise<readonly string[]>;
  items(packId: string | undefined): Promise<readonly string[]>;
}

export const SETTINGS_KEYS = ['retention', 'new-per-day', 'reviews-per-day', 'exam-date', 'theme', 'extra-minutes', 'learning-steps', 'fuzz', 'leech-threshold'] as const;

const home = COMMANDS.find((c) => c.name === 'home')!;

/** `words`: everything after `examdrill`, the word being completed last (maybe empty). */
export async function complete(words: readonly string[], lists: CompletionLists): Promise<Completion> {
  const cur = words.at(-1) ?? '';
  const before = words.slice(0, -1);
  let spec: CommandSpec | undefined;
  let group: string | undefined;
  const positionals: string[] = [];
  let packId: string | undefined;
  let pending: OptionSpec | undefined;
  for (const w of before) {
    if (pending) {
      if (pending.name === 'pack') packId = w;
      pending = undefined;
      continue;
    }
    if (w.startsWith('-') && w !== '-') {
      const o = (spec ?? home).options.find((s) => `--${s.name}` === w || (s.short && `-${s.short}` === w));
      if (o && o.kind !== 'boolean') pending = o;
      if (w.startsWith('--pack=')) packId = w.slice('--pack='.length);
      continue;
    }
    if (!spec && !group && COMMAND_GROUPS.has(w)) group = w;
    else if (!spec && group) spec = COMMANDS.find((c) => c.name === `${group} ${w}`);
    else if (!spec) spec = COMMANDS.find((c) => c.name === w && w !== 'home');
    else positionals.push(w);
  }
  const words_ = (list: readonly string[]): Completion => ({ kind: 'words', words: [...new Set(list)].filter((w) => w.startsWith(cur)).sort() });

  if (pending) return valuesOf(pending, packId, lists, words_);
  if (cur.startsWith('-')) {
    if (group && !spec) return words_([]);
    return words_((spec ?? home).options.flatMap((o) => (o.short ? [`--${o.name}`, `-${o.short}`] : [`--${o.name}`])));
  }
  if (group && !spec) return words_(COMMANDS.filter((c) => c.name.startsWith(`${group} `)).map((c) => c.name.slice(group.length + 1)));
  if (!spec) return words_(COMMANDS.filter((c) => c.name !== 'home').map((c) => c.name.split(' ')[0]!));
  return positionalOf(spec, positionals, packId, lists, words_);
}

async function valuesOf(o: OptionSpec, packId: string | undefined, lists: CompletionLists, words: (l: readonly string[]) => Completion): Promise<Completion> {
  if (o.choices) return words(o.choices);
  if (o.name === 'pack') return words(await lists.packs());
  if (o.name === 'topic') return words(await lists.topics(packId));
  if (o.value === 'DIR') return { kind: 'dirs' };
  if (o.value?.startsWith('FILE')) return { kind: 'files' };
  return words([]);
}

async function positionalOf(spec: CommandSpec, before: readonly string[], packId: string | undefined, lists: CompletionLists, words: (l: readonly string[]) => Completion): Promise<Completion> {
  if (before.length >= spec.positionals.max) return words([]);
  const names = spec.positionals.names;
  if (spec.name === 'completion') return words(SHELLS);
  if (spec.name === 'settings') return before.length === 0 ? words(SETTINGS_KEYS) : words([]);
  if (names.startsWith('DIR')) return { kind: 'dirs' };
  if (names.startsWith('FILE')) return { kind: 'files' };
  if (names === 'ID') return words(await lists.packs());
  if (names === 'ITEM') return words(await lists.items(packId));
  void packId;
  return words([]);
}

/** The script a shell sources (`source <(examdrill completion bash)`, or saved where the shell looks). */
export function completionScript(shell: Shell): string {
  switch (shell) {
    case 'bash':
      return `# examdrill completion for bash. Load it with:  source <(examdrill completion bash)
# or save it as ~/.local/share/bash-completion/completions/examdrill
_examdrill_complete() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" out
  out=$(command examdrill completion --complete -- "\${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) || return 0
  case "$out" in
    :files) COMPREPLY=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null ;;
    :dirs) COMPREPLY=($(compgen -d -- "$cur")); compopt -o filenames 2>/dev/null ;;
    *) local IFS=$'\\n'; COMPREPLY=($out) ;;
  esac
}
complete -F _examdrill_complete examdrill
`;
    case 'zsh':
      return `#compdef examdrill
# examdrill completion for zsh. Load it with:  source <(examdrill completion zsh)
# or save it as _examdrill in a folder of your $fpath
_examdrill() {
  local out
  out=$(command examdrill completion --complete -- "\${(@)words[2,CURRENT]}" 2>/dev/null) || return 1
  case "$out" in
    :files) _files ;;
    :dirs) _files -/ ;;
    *) local -a c; c=("\${(@f)out}"); compadd -a c ;;
  esac
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then _examdrill "$@"; else compdef _examdrill examdrill; fi
`;
    case 'fish':
      return `# examdrill completion for fish. Load it with:  examdrill completion fish | source
# or save it as ~/.config/fish/completions/examdrill.fish
function __examdrill_complete
  set -l tokens (commandline -opc) (commandline -ct)
  set -e tokens[1]
  set -l out (command examdrill completion --complete -- $tokens 2>/dev/null)
  switch "$out[1]"
    case ':files'
      __fish_complete_path (commandline -ct)
    case ':dirs'
      __fish_complete_directories (commandline -ct)
    case '*'
      printf '%s\\n' $out
  end
end
complete -c examdrill -f -a '(__examdrill_complete)'
`;
  }
}

/** The `--complete` answer as the scripts read it: one word a line, or `:files` / `:dirs`. */
export function formatCompletion(c: Completion): string {
  return c.kind === 'words' ? c.words.map((w) => `${w}\n`).join('') : `:${c.kind}\n`;
}
