/**
 * Compiles a pack's YAML in a worker thread with a small heap. Parsing YAML leaves much garbage
 * (a 2.7 MB pack peaked at 232 MB resident in the main thread); a capped heap makes the worker
 * collect it as it goes, and the garbage dies with the worker.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { PackFile } from './read-pack-files.js';
import { validatePackFiles } from './validate-pack.js';

const files = (workerData as { files: PackFile[] }).files.map((f) => (f.bytes ? { ...f, bytes: Buffer.from(f.bytes) } : f));
parentPort?.postMessage(validatePackFiles(files));
