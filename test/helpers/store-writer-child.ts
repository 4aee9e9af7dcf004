/**
 * A store writer driven line by line over stdin, for the multi-writer property test: the test
 * decides the interleaving, and learns from `ok` lines on stdout which answers are durable.
 * Commands (one per line), each answered once it is done, in order:
 *   r ITEM ISO-TIME 0|1   record a review (right or wrong); answers `ok r EVENT-ID`
 *   f                     write the snapshot now; answers `ok f`
 *   s                     fold in other writers' lines; answers `ok s`
 *   t                     append half a line to the log without its newline, as a write cut
 *                         short by a crash would leave it (the test kills the writer next)
 *   q                     close the store and exit
 * Bundled with esbuild by the tests.
 */
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { openProgressStore } from '../../src/store/progress/progress-store.js';
import { reviewEvent } from './events.js';

const [dataDir, packId] = process.argv.slice(2);
const store = await openProgressStore(dataDir!, packId!, { autoFlush: false });
process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  const [op, ...args] = line.split(' ');
  if (op === 'r') {
    const event = store.record(reviewEvent(args[0]!, new Date(args[1]!), args[2] === '0' ? { correct: false, chosen: [1] } : {}));
    process.stdout.write(`ok r ${event.id}\n`);
  } else if (op === 'f') {
    await store.flush();
    process.stdout.write('ok f\n');
  } else if (op === 's') {
    store.sync();
    process.stdout.write('ok s\n');
  } else if (op === 't') {
    const half = JSON.stringify(reviewEvent('torn', new Date(0)));
    appendFileSync(join(store.dir, 'log.jsonl'), half.slice(0, half.length >> 1));
    process.stdout.write('ok t\n');
  } else if (op === 'q') {
    await store.close();
    process.stdout.write('ok q\n');
    process.exit(0);
  }
}
