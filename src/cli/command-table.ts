/**
 * Every command, its options and its help, in one table. `--help` and argument parsing are
 * both drawn from it, so they cannot disagree. Handlers are imported lazily: a command that
 * needs no terminal UI never loads Ink or React.
 */
import type { OptionSpec, ParsedArgs } from './args.js';
import type { Io } from './io.js';

export interface CommandContext {
  readonly io: Io;
  readonly args: ParsedArgs;
}

export interface CommandSpec {
  /** `study`, or `pack validate` for a sub-command. */
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly details?: string;
  readonly options: readonly OptionSpec[];
  readonly positionals: { readonly min: number; readonly max: number; readonly names: string };
  readonly run: (ctx: CommandContext) => Promise<number>;
}

const opt = {
  pack: { name: 'pack', kind: 'string', value: 'ID', description: 'which pack (default: the only one, else the last used)' },
  topic: { name: 'topic', kind: 'strings', value: 'ID', description: 'restrict to a topic; repeatable' },
  dataDir: { name: 'data-dir', kind: 'string', value: 'DIR', description: 'where progress lives (env EXAMDRILL_DATA_DIR)' },
  packsDir: { name: 'packs-dir', kind: 'strings', value: 'DIR', description: 'an extra folder of packs; repeatable (env EXAMDRILL_PACKS_DIR)' },
  json: { name: 'json', kind: 'boolean', description: 'machine-readable output' },
  plain: { name: 'plain', kind: 'boolean', description: 'line-oriented prompts instead of the full-screen UI' },
  noColor: { name: 'no-color', kind: 'boolean', description: 'no colour (as does a set NO_COLOR)' },
  seed: { name: 'seed', kind: 'integer', value: 'N', min: 0, max: 2 ** 31 - 1, description: 'reproducible selection and shuffling' },
  examDate: { name: 'exam-date', kind: 'date', value: 'YYYY-MM-DD', description: 'your exam day (remembered); study planning aims at it' },
  help: { name: 'help', short: 'h', kind: 'boolean', description: 'show this help' },
} as const satisfies Record<string, OptionSpec>;

const common: readonly OptionSpec[] = [opt.dataDir, opt.packsDir, opt.noColor, opt.help];
const session: readonly OptionSpec[] = [opt.pack, opt.plain, ...common];

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'home',
    usage: 'examdrill',
    summary: 'home screen: packs, due counts, readiness, last exam, next step',
    options: [opt.pack, opt.plain, opt.examDate, ...common, { name: 'version', short: 'v', kind: 'boolean', description: 'print the version' }],
    positionals: { min: 0, max: 0, names: '' },
    run: async (ctx) => (await import('./commands/session.js')).runSession('home', ctx),
  },
  {
    name: 'study',
    usage: 'examdrill study',
    summary: 'spaced-repetition session: due cards and questions, then new ones',
    options: [...session, opt.topic, opt.examDate, { name: 'cram', kind: 'boolean', description: 'practise without changing the schedule' }],
    positionals: { min: 0, max: 0, names: '' },
    run: async (ctx) => (await import('./commands/session.js')).runSession('study', ctx),
  },
  {
    name: 'quiz',
    usage: 'examdrill quiz',
    summary: 'untimed practice questions with feedback after each answer',
    options: [...session, opt.topic, { name: 'count', kind: 'integer', value: 'N', min: 1, max: 1000, description: 'quiz length (default 10)' }, opt.seed, { name: 'mistakes', kind: 'boolean', description: 'the questions answered wrong most recently' }],
    positionals: { min: 0, max: 0, names: '' },
    run: async (ctx) => (await import('./commands/session.js')).runSession('quiz', ctx),
  },
  {
    name: 'exam',
    usage: 'examdrill exam',
    summary: 'timed mock exam; report at the end; resumes an unfinished one',
    options: [
      ...session,
      { name: 'questions', kind: 'integer', value: 'N', min: 1, max: 500, description: 'override the blueprint question count' },
      { name: 'minutes', kind: 'integer', value: 'M', min: 1, max: 1000, description: 'override the time allowed' },
      opt.seed,
      { name: 'report', kind: 'string', value: 'FILE', description: 'also write the report as Markdown' },
      { name: 'history', kind: 'boolean', description: 'list past exams and reopen a report' },
    ],
    positionals: { min: 0, max: 0, names: '' },
    run: async (ctx) => (await import('./commands/session.js')).runSession('exam', ctx),
  },
  {
    name: 'stats',
    usage: 'examdrill stats',
    summary: 'progress: due forecast, retention, mastery, readiness, exam history, misconceptions',
    options: [opt.pack, opt.json, { name: 'what-if', kind: 'boolean', description: 'also simulate the next 90 days at desired retention 0.80, 0.85, 0.90 and 0.95: reviews a day, recall on the exam date' }, ...common],
    positionals: { min: 0, max: 0, names: '' },
    run: async (ctx) => (await import('./commands/stats.js')).runStats(ctx),
  },
  {
    name: 'optimize',
    usage: 'examdrill optimize',
    summary: 'fit the memory model (FSRS parameters) to your review history',
    details: 'Fits in the background with a progress line, then prints the log loss and RMSE(bins) of the parameters in use and of the fitted ones on your history, and keeps the fitted ones only when they predict it better (a settings event: examdrill settings parameters default undoes it). Needs 400 reviews of 100 items; with less it says so and exits 2, changing nothing.',
    options: [opt.pack, opt.json, ...common],
    positionals: { min: 0, max: 0, names: '' },
    run: async (ctx) => (await import('./commands/optimize.js')).runOptimize(ctx),
  },
  {
    name: 'progress check',
    usage: 'examdrill progress check [--pack ID] [--repair] [--json]',
    summary: "check that the progress snapshot equals a rebuild from the review log; exit 3 if not",
    details:
      'Rebuilds the state from all review logs of the pack (every device\'s log.<device-id>.jsonl, each event once), in their defined order (event time, then event id), and compares it field by field with this device\'s snapshot (state.<device-id>.json, plus the logs after it). Prints "consistent" and exits 0, or lists the differing fields and exits 3. --repair rewrites the snapshot from the rebuild (the old one goes to backups/) and exits 0. The log is never changed.',
    options: [opt.pack, { name: 'repair', kind: 'boolean', description: 'rewrite the snapshot from the log when they differ' }, opt.json, ...common],
    positionals: { min: 0, max: 0, names: '' },
    run: async (ctx) => (await import('./commands/progress-check.js')).runProgressCheck(ctx),
  },
  {
    name: 'progress export',
    usage: 'examdrill progress export --out FILE.tar.gz [--pack ID] | --format revlog-csv [--pack ID] [--out FILE.csv]',
    summary: 'all review logs in one file, to move to a new machine without a sync tool; or the history as an FSRS revlog CSV',
    details: 'Writes every review log of every pack with progress (or of --pack ID), each up to its last whole line, as a gzipped tar with a manifest. Nothing of one machine goes in: no snapshot, lock, backup or device id. Bring it to the new machine with `examdrill progress import FILE`. With --format revlog-csv: one pack\'s answers (cards and questions; undone and cram answers left out) as the FSRS optimizer\'s CSV, card_id,review_time,review_rating,review_state,review_duration, plus an item_id column so the file can come back in with `progress import FILE --format revlog-csv --pack ID`; to stdout unless --out.',
    options: [{ name: 'out', kind: 'string', value: 'FILE', description: 'the file to write (.tar.gz; with --format revlog-csv, a .csv, else stdout)' }, { name: 'pack', kind: 'string', value: 'ID', description: 'only this pack (default: every pack with progress; revlog-csv: the only or last used pack)' }, { name: 'format', kind: 'string', value: 'FORMAT', choices: ['archive', 'revlog-csv'], description: 'archive (default): every log, for `progress import`; revlog-csv: the FSRS optimizer\'s review CSV' }, opt.json, opt.dataDir, opt.packsDir, opt.help],
    positionals: { min: 0, max: 0, names: '' },
    run: async (ctx) => (await import('./commands/progress-archive.js')).runProgressExport(ctx),
  },
  {
    name: 'progress import',
    usage: 'examdrill progress import FILE [--pack ID] | FILE.csv --format revlog-csv --pack ID',
    summary: 'add the answers of a `progress export` file that this machine lacks; again adds nothing',
    details: 'Reads the whole archive and checks every line before it writes anything. A log this machine lacks is added whole; answers of a log it has only in part go to a new file beside it (log.<device>.imported-<hash>.jsonl). No existing file is changed, and an answer already here is not added again. With --format revlog-csv: a review CSV with an item_id column (as `progress export --format revlog-csv` writes) is checked row by row (a bad row is named by its line, and nothing is imported), then each answer is replayed through the scheduler with your settings and recorded in the log like any answer; an answer at or before an item\'s last one is already here, so importing twice adds nothing. Rows of items the pack does not have are left out and counted. A CSV without item_id is refused: nothing says which item a card_id is.',
    options: [{ name: 'pack', kind: 'string', value: 'ID', description: 'only this pack (default: every pack in the file); revlog-csv: the pack the item ids belong to (required)' }, { name: 'format', kind: 'string', value: 'FORMAT', choices: ['archive', 'revlog-csv'], description: 'archive (default): a `progress export` file; revlog-csv: an FSRS review CSV with an item_id column' }, opt.json, opt.dataDir, opt.packsDir, opt.help],
    positionals: { min: 1, max: 1, names: 'FILE' },
    run: async (ctx) => (await import('./commands/progress-archive.js')).runProgressImport(ctx),
  },
  {
    name: 'sync status',
    usage: 'examdrill sync status [--pack ID] [--json]',
    summary: 'the devices whose progress logs this machine sees, each one\'s last answer, and whether the view is complete; exit 3 if not',
    details:
      'Reads every review log in the pack\'s progress folder (one per device, log.<device-id>.jsonl, and any conflicted copies a sync tool made). Lists each device with its events and last answer, settings another device\'s later change replaced, and whether every log was read to its end: a log torn at its end (the sync tool still writing it) or unreadable makes the view incomplete (exit 3). See docs/sync.md for which files to sync.',
    options: [opt.pack, opt.json, ...common],
    positionals: { min: 0, max: 0, names: '' },
    run: async (ctx) => (await import('./commands/sync-status.js')).runSyncStatus(ctx),
  },
  {
    name: 'results export',
    usage: 'examdrill results export [--pack ID] --out FILE.json [--name NAME]',
    summary: "your answers to a pack's questions, as a file for your instructor's pack analyze",
    details:
      'Writes every answer to the pack\'s questions (item id, the question\'s version hash, mode, options chosen, right or wrong, seconds taken, day) and each mock exam\'s total, from the review logs of all your devices. No personal data: no device id, no clock times, your name only with --name. The format is in docs/item-analysis.md and data/results.schema.json.',
    options: [opt.pack, { name: 'out', kind: 'string', value: 'FILE', description: 'the results file to write (.json)' }, { name: 'name', kind: 'string', value: 'NAME', description: 'put this name in the file (default: none)' }, ...common],
    positionals: { min: 0, max: 0, names: '' },
    run: async (ctx) => (await import('./commands/results-export.js')).runResultsExport(ctx),
  },
  {
    name: 'item suspend',
    usage: 'examdrill item suspend ID [--pack ID]',
    summary: 'take an item out of study (quiz and exam still ask it); stats lists the suspended',
    options: [opt.pack, ...common],
    positionals: { min: 1, max: 1, names: 'ITEM' },
    run: async (ctx) => (await import('./commands/item.js')).runItemSuspend(ctx, true),
  },
  {
    name: 'item unsuspend',
    usage: 'examdrill item unsuspend ID [--pack ID]',
    summary: 'bring a suspended item or a leech back into study',
    options: [opt.pack, ...common],
    positionals: { min: 1, max: 1, names: 'ITEM' },
    run: async (ctx) => (await import('./commands/item.js')).runItemSuspend(ctx, false),
  },
  {
    name: 'settings',
    usage: 'examdrill settings [KEY [VALUE]]',
    summary: "show or change a pack's settings",
    details: 'Keys: retention (0.70-0.99), new-per-day, reviews-per-day, exam-date (YYYY-MM-DD or none), theme (dark, light), extra-minutes (exam accommodation), learning-steps (e.g. "1m 10m"), fuzz (on, off), leech-threshold (lapses that make an item a leech, default 8), parameters (default: drop the fitted memory model).',
    options: [opt.pack, opt.json, ...common],
    positionals: { min: 0, max: 2, names: '[KEY [VALUE]]' },
    run: async (ctx) => (await import('./commands/settings.js')).runSettings(ctx),
  },
  {
    name: 'packs',
    usage: 'examdrill packs',
    summary: 'installed packs: id, title, version, counts, folder',
    options: [opt.json, ...common],
    positionals: { min: 0, max: 0, names: '' },
    run: async (ctx) => (await import('./commands/packs.js')).runPacks(ctx),
  },
  {
    name: 'pack validate',
    usage: 'examdrill pack validate DIR...',
    summary: 'all problems of each pack, file:line:col; exit 2 if any',
    options: [opt.json, opt.help],
    positionals: { min: 1, max: Infinity, names: 'DIR...' },
    run: async (ctx) => (await import('./commands/pack-validate.js')).runValidate(ctx, false),
  },
  {
    name: 'pack lint',
    usage: 'examdrill pack lint DIR... [--results FILE_OR_FOLDER...]',
    summary: 'validate, plus quality warnings; exit 0 with warnings only, 2 with errors',
    details: "--results adds pack analyze's flags (likely miskeyed, too easy, too hard, dead distractor, changed since answered) as warnings at each question's file:line.",
    options: [opt.json, { name: 'results', kind: 'paths', value: 'FILE...', description: "a class's results files or folders: item-analysis flags as warnings" }, opt.help],
    positionals: { min: 1, max: Infinity, names: 'DIR...' },
    run: async (ctx) => (await import('./commands/pack-validate.js')).runValidate(ctx, true),
  },
  {
    name: 'pack analyze',
    usage: 'examdrill pack analyze DIR --results FILE_OR_FOLDER... [--json] [--markdown FILE]',
    summary: "which questions work, from a class's results files: facility, discrimination, option rates, flags",
    details:
      'Per question, over each learner\'s first attempt at its current version: answers seen, facility (share right), discrimination (point-biserial against the score on the other questions, and upper-lower 27%), discriminative efficiency, each option\'s choice rate, and flags: likely miskeyed, too easy (over 95%), too hard (under 20%), dead distractor (a wrong option chosen by under 5%), changed since answered (counted apart). Each results file is one learner (from examdrill results export); a folder means its .json files. See docs/item-analysis.md.',
    options: [
      { name: 'results', kind: 'paths', value: 'FILE...', description: "the learners' results files, or folders of them" },
      opt.json,
      { name: 'markdown', kind: 'string', value: 'FILE', description: 'write the report as a Markdown table to FILE' },
      opt.help,
    ],
    positionals: { min: 1, max: 1, names: 'DIR' },
    run: async (ctx) => (await import('./commands/pack-analyze.js')).runPackAnalyze(ctx),
  },
  {
    name: 'pack new',
    usage: 'examdrill pack new DIR',
    summary: 'a minimal valid pack to start from, with comments',
    options: [{ name: 'id', kind: 'string', value: 'ID', description: 'the pack id (default: from the folder name)' }, opt.help],
    positionals: { min: 1, max: 1, names: 'DIR' },
    run: async (ctx) => (await import('./commands/pack-new.js')).runPackNew(ctx),
  },
  {
    name: 'pack schema',
    usage: 'examdrill pack schema',
    summary: 'the JSON Schema of pack files, on stdout',
    options: [opt.help],
    positionals: { min: 0, max: 0, names: '' },
    run: async (ctx) => (await import('./commands/pack-schema.js')).runPackSchema(ctx),
  },
  {
    name: 'pack add',
    usage: 'examdrill pack add DIR',
    summary: 'install a pack into <data-dir>/packs for this learner',
    // No --packs-dir: the pack is installed into the data dir, and other folders do not matter.
    options: [{ name: 'link', kind: 'boolean', description: 'link the folder instead of copying it (edits show at once)' }, opt.dataDir, opt.noColor, opt.help],
    positionals: { min: 1, max: 1, names: 'DIR' },
    run: async (ctx) => (await import('./commands/pack-manage.js')).runPackAdd(ctx),
  },
  {
    name: 'pack remove',
    usage: 'examdrill pack remove ID',
    summary: 'uninstall a pack (progress is kept)',
    options: common,
    positionals: { min: 1, max: 1, names: 'ID' },
    run: async (ctx) => (await import('./commands/pack-manage.js')).runPackRemove(ctx),
  },
  {
    name: 'pack import',
    usage: 'examdrill pack import FILE --from anki|gift|apkg --out DIR [--id ID] [--cloze short-answer|cards] [--with-history]',
    summary: 'convert a Moodle GIFT file, an Anki text export or an Anki package (.apkg, .colpkg) into a pack',
    details:
      'apkg: notes become cards (Basic, reversed, Cloze, custom note types: first field front), decks become topics and top-level decks domains, tags and media are kept, ids come from the notes\' guids (re-importing an updated deck keeps progress). Decks exported by Anki 2.1.50+ need "Support older Anki versions" ticked.',
    options: [
      { name: 'from', kind: 'string', value: 'FORMAT', choices: ['gift', 'anki', 'apkg'], description: 'the input format (apkg: an Anki package, .apkg or .colpkg)' },
      { name: 'out', kind: 'string', value: 'DIR', description: 'the pack folder to write' },
      { name: 'id', kind: 'string', value: 'ID', description: 'the pack id (default: from the file name)' },
      { name: 'cloze', kind: 'string', value: 'AS', choices: ['short-answer', 'cards'], description: 'anki: a Cloze note becomes a short-answer question per deletion (default) or a card per deletion' },
      { name: 'with-history', kind: 'boolean', description: "apkg: the deck's review log becomes your progress in the pack (again: adds only new reviews)" },
      opt.dataDir,
      opt.help,
    ],
    positionals: { min: 1, max: 1, names: 'FILE' },
    run: async (ctx) => (await import('./commands/pack-import.js')).runPackImport(ctx),
  },
  {
    name: 'pack export',
    usage: 'examdrill pack export ID --to anki|apkg --out FILE',
    summary: "export a pack's cards and questions as an Anki text file or an Anki package (.apkg)",
    options: [
      { name: 'to', kind: 'string', value: 'FORMAT', choices: ['anki', 'apkg'], description: 'the output format (apkg: a deck per topic, for Anki, AnkiDroid, AnkiMobile)' },
      { name: 'out', kind: 'string', value: 'FILE', description: 'the file to write' },
      ...common,
    ],
    positionals: { min: 1, max: 1, names: 'ID' },
    run: async (ctx) => (await import('./commands/pack-export.js')).runPackExport(ctx),
  },
  {
    name: 'completion',
    usage: 'examdrill completion bash|zsh|fish',
    summary: 'the shell completion script: commands, options, pack and topic ids',
    details:
      'bash: source <(examdrill completion bash), or save it as ~/.local/share/bash-completion/completions/examdrill. zsh: source <(examdrill completion zsh), or save it as _examdrill in a folder of $fpath. fish: examdrill completion fish > ~/.config/fish/completions/examdrill.fish. The scripts ask examdrill itself on each Tab (examdrill completion --complete -- WORDS...), so pack and topic ids are always current.',
    options: [{ name: 'complete', kind: 'boolean', description: 'print what fits the last of the words after --, one a line (used by the scripts)' }, opt.dataDir, opt.packsDir, opt.help],
    positionals: { min: 0, max: Infinity, names: 'SHELL' },
    run: async (ctx) => (await import('./commands/completion.js')).runCompletion(ctx),
  },
];

/** Words that open a group of sub-commands (`pack validate`, `progress check`), from the table. */
export const COMMAND_GROUPS: ReadonlySet<string> = new Set(COMMANDS.filter((c) => c.name.includes(' ')).map((c) => c.name.split(' ')[0]!));

export function findCommand(words: readonly string[]): { spec: CommandSpec; rest: readonly string[] } | undefined {
  const [first, second] = words;
  if (first !== undefined && COMMAND_GROUPS.has(first) && second && !second.startsWith('-')) {
    const spec = COMMANDS.find((c) => c.name === `${first} ${second}`);
    return spec ? { spec, rest: words.slice(2) } : undefined;
  }
  const spec = COMMANDS.find((c) => c.name === first && first !== 'home');
  return spec ? { spec, rest: words.slice(1) } : undefined;
}
