/** Ends a `default:` branch: a compile error when a case is missing, a thrown error if reached. */
export function checkExhaustive(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}
