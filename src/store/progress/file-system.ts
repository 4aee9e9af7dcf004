/**
 * The store's seam to the file system. Tests inject failures (EACCES, ENOSPC, EBUSY) here,
 * since CI runs as root, where file modes do not stop writes.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';

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
  /** Off the event loop, for snapshot writes: write, fsync and close a file. */
  writeDurable: (path: string, data: string) => Promise<void>;
  renameAsync: (from: string, to: string) => Promise<void>;
  copyAsync: (from: string, to: string) => Promise<void>;
  unlinkAsync: (path: string) => Promise<void>;
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
  writeDurable: async (path, data) => {
    const handle = await fsp.open(path, 'w');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  renameAsync: (from, to) => fsp.rename(from, to),
  copyAsync: (from, to) => fsp.copyFile(from, to),
  unlinkAsync: (path) => fsp.unlink(path),
};
