/**
 * The store's seam to the file system. Tests inject failures (EACCES, ENOSPC, EBUSY) here,
 * since CI runs as root, where file modes do not stop writes.
 */
import * as fs from 'node:fs';

export interface StoreFs {
  openSync: typeof fs.openSync;
  closeSync: typeof fs.closeSync;
  writeSync: (fd: number, data: string) => number;
  fsyncSync: typeof fs.fsyncSync;
  readSync: typeof fs.readSync;
  fstatSync: typeof fs.fstatSync;
  statSync: (path: string) => fs.Stats | undefined;
  readFileSync: (path: string) => string;
  writeFileSync: (path: string, data: string) => void;
  renameSync: typeof fs.renameSync;
  unlinkSync: typeof fs.unlinkSync;
  mkdirSync: (path: string) => void;
  readdirSync: (path: string) => string[];
  copyFileSync: typeof fs.copyFileSync;
}

export const nodeFs: StoreFs = {
  openSync: fs.openSync,
  closeSync: fs.closeSync,
  writeSync: (fd, data) => fs.writeSync(fd, data),
  fsyncSync: fs.fsyncSync,
  readSync: fs.readSync,
  fstatSync: fs.fstatSync,
  statSync: (path) => fs.statSync(path, { throwIfNoEntry: false }),
  readFileSync: (path) => fs.readFileSync(path, 'utf8'),
  writeFileSync: (path, data) => fs.writeFileSync(path, data),
  renameSync: fs.renameSync,
  unlinkSync: fs.unlinkSync,
  mkdirSync: (path) => {
    fs.mkdirSync(path, { recursive: true });
  },
  readdirSync: (path) => fs.readdirSync(path),
  copyFileSync: fs.copyFileSync,
};
