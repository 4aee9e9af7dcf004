/** Where examdrill keeps things on disk. */
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The platform's user data folder: `$XDG_DATA_HOME/examdrill` (or ~/.local/share/examdrill) on
 * Linux, ~/Library/Application Support/examdrill on macOS, %LOCALAPPDATA%\examdrill on Windows.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'examdrill');
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'examdrill');
  const xdg = env.XDG_DATA_HOME;
  return join(xdg && xdg.startsWith('/') ? xdg : join(home, '.local', 'share'), 'examdrill');
}

/** The layout of a data dir. */
export function dataPaths(dataDir: string) {
  return {
    root: dataDir,
    packs: join(dataDir, 'packs'),
    compiled: join(dataDir, 'cache', 'packs'),
    progress: (packId: string) => join(dataDir, 'progress', packId),
    lastPack: join(dataDir, 'last-pack'),
  };
}
