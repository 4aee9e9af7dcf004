/** One problem found in a pack: where it is, and what is wrong. */
export interface PackIssue {
  /** Path of the file relative to the pack folder, with forward slashes. */
  readonly file: string;
  /** 1-based line and column; 1:1 when the problem is the file as a whole. */
  readonly line: number;
  readonly column: number;
  /** Path inside the document, such as `questions[3].options`; empty for the file itself. */
  readonly path: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

/** `topics/lambda.yaml:42:7 questions[3].options: message` */
export function formatIssue(issue: PackIssue, base = ''): string {
  const where = `${base ? `${base.replace(/\/$/, '')}/` : ''}${issue.file}:${issue.line}:${issue.column}`;
  return `${where}${issue.path ? ` ${issue.path}` : ''}: ${issue.message}`;
}

/** `questions[3].options` from `['questions', 3, 'options']`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Issues in a stable order: file, line, column. */
export function sortIssues(issues: readonly PackIssue[]): PackIssue[] {
  return [...issues].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
