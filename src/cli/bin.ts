/** The program's entry point. */
import { processIo } from './io.js';
import { main } from './main.js';

// A closed pipe (`examdrill packs | head`) is the reader's choice, not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
});

const code = await main(process.argv.slice(2), processIo());
process.exitCode = code;
