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

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError || (e instanceof Error && e.name === 'UserError' && 'hint' in e);
}
