/**
 * The snapshot's format version and the migrations between versions. Kept apart from the zod
 * schemas (progress-schema.ts) so that reading an intact snapshot does not load zod.
 *
 * Bump SNAPSHOT_SCHEMA_VERSION whenever the snapshot schema changes in a way an older snapshot
 * would not pass: intact snapshots of the current version are trusted without validation.
 */
export const SNAPSHOT_SCHEMA_VERSION = 1;

/**
 * Migrations from older snapshot versions, each to the next. Version 1 is the first; when the
 * format changes, add `1: (old) => new` here and bump SNAPSHOT_SCHEMA_VERSION.
 */
export const MIGRATIONS: Record<number, (data: Record<string, unknown>) => Record<string, unknown>> = {};

export type Migrations = typeof MIGRATIONS;

/** Brings a parsed snapshot up to the current version, or says why it cannot. */
export function migrateSnapshot(data: unknown, migrations: Migrations = MIGRATIONS, current = SNAPSHOT_SCHEMA_VERSION): { data: unknown } | { newer: number } | { error: string } {
  if (data === null || typeof data !== 'object') return { error: 'not a JSON object' };
  let d = data as Record<string, unknown>;
  let version = typeof d.schema === 'number' ? d.schema : NaN;
  if (!Number.isInteger(version)) return { error: 'no schema version' };
  if (version > current) return { newer: version };
  while (version < current) {
    const step = migrations[version];
    if (!step) return { error: `no migration from schema ${version}` };
    d = step(d);
    version += 1;
    d = { ...d, schema: version };
  }
  return { data: d };
}
