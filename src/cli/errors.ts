/**
 * A user error is expected (a bad flag, a broken pack, an unreadable progress file): it prints
 * one line saying what is wrong and where, one line saying what to do, and exits 2 with no
 * stack trace. Anything else is a bug: exit 1, the stack only under DEBUG=examdrill.
 */
export class UserError extends Error {
  constructor(
    message: string,
    /** What to do about it, one line. */
    readonly hint: string,
    readonly exitCode: number = 2,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/**
 * A UserError, or an error of the same shape from below the command line: the progress store's
 * ProgressAccessError (a full disk, a locked or unwritable file), whichever command met it. Told
 * by name, so that the entry need not load the store to recognise it.
 */
export function isUserError(e: unknown): e is Error & { readonly hint: string; readonly exitCode?: number } {
  return e instanceof UserError || (e instanceof Error && (e.name === 'UserError' || e.name === 'ProgressAccessError') && typeof (e as { hint?: unknown }).hint === 'string');
}
