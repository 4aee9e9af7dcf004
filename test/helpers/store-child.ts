/**
 * A child process for store tests: opens the real store on a data dir and records `count` review
 * events, writing a snapshot every `flushEvery`. Bundled with esbuild by the tests.
 */
import { openProgressStore } from '../../src/store/progress/progress-store.js';
import { reviewEvent } from './events.js';

const [dataDir, packId, tag, countArg, flushEveryArg] = process.argv.slice(2);
const count = Number(countArg);
const flushEvery = Number(flushEveryArg);
const store = await openProgressStore(dataDir!, packId!, { autoFlush: false });
process.stdout.write('ready\n');
for (let i = 0; i < count; i += 1) {
  store.record(reviewEvent(`${tag}-${i % 50}`, new Date(Date.UTC(2026, 0, 1, 0, 0, i))));
  if (flushEvery > 0 && i % flushEvery === flushEvery - 1) await store.flush();
}
await store.close();
process.stdout.write('done\n');
