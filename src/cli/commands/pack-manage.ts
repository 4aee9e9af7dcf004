/** Placeholder until this command lands (foundation commit); it says so instead of failing. */
import { UserError } from '../errors.js';

function notYet(..._args: unknown[]): Promise<number> {
  return Promise.reject(new UserError('this command is not built yet in this version', 'Use `examdrill packs` or `examdrill pack validate DIR` for now.'));
}
export const runSession = notYet;
export const runStats = notYet;
export const runSettings = notYet;
export const runPackAdd = notYet;
export const runPackRemove = notYet;
export const runPackImport = notYet;
export const runPackExport = notYet;
