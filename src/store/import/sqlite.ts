/**
 * sql.js (SQLite compiled to WebAssembly), loaded on first use. It is not bundled: the program
 * imports it from the installed package and points it at that package's sql-wasm.wasm, so only
 * the apkg import and export pay for it (about 1 MB of WebAssembly) and start-up stays as it was.
 */
import { createRequire } from 'node:module';
import type { SqlJsStatic } from 'sql.js';

let loading: Promise<SqlJsStatic> | undefined;

export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasm = require.resolve('sql.js/dist/sql-wasm.wasm');
    const init = (await import('sql.js')).default;
    return init({ locateFile: () => wasm });
  })();
  return loading;
}
