/**
 * What this device sees of a pack's synced progress folder (`examdrill sync status`): each
 * device's logs, its events and last answer, and whether the view is complete: a log whose last
 * line is torn (the sync tool still writing it) or a file that cannot be read means some answers
 * are not counted yet. Also the settings another device's later change replaced.
 */
import { join } from 'node:path';
import type { ProgressEvent } from '../../domain/progress/events.js';
import { settingsConflicts, type DeviceEvent, type SettingsConflict } from '../../domain/progress/settings-conflicts.js';
import { nodeFs, type StoreFs } from './file-system.js';
import { deviceId, deviceOfLog, isDeviceLog, listLogs, NewerLogError, readFrom } from './log-files.js';
import { parseLogLines } from './log-lines.js';
import { eventSchema } from './progress-schema.js';

export interface LogStatus {
  readonly file: string;
  /** A sync tool's conflicted copy (or the legacy log.jsonl) rather than a device's own log. */
  readonly copy: boolean;
  readonly events: number;
  readonly unreadableLines: number;
  /** Bytes after the last whole line: the sync tool is still writing it. */
  readonly tornBytes: number;
  /** Why the file could not be read, if so. */
  readonly problem?: string;
}

export interface DeviceStatus {
  readonly device: string;
  readonly thisDevice: boolean;
  /** Distinct events in its logs (a conflicted copy's repeats counted once). */
  readonly events: number;
  /** The time of its last review (card rating or question answered), if any. */
  readonly lastAnswerAt?: string;
  readonly logs: readonly LogStatus[];
}

export interface SyncStatus {
  readonly device: string;
  readonly folder: string;
  readonly devices: readonly DeviceStatus[];
  /** True when every log was read to its end: no torn last line, no unreadable file. */
  readonly complete: boolean;
  /** One line per reason the view is incomplete. */
  readonly incomplete: readonly string[];
  readonly settingsConflicts: readonly SettingsConflict[];
}

export function syncStatus(dataDir: string, packId: string, fs: StoreFs = nodeFs): SyncStatus {
  const device = deviceId(fs, dataDir);
  const folder = join(dataDir, 'progress', packId);
  const validate = (value: unknown) => eventSchema.parse(value) as ProgressEvent;
  const perDevice = new Map<string, { logs: LogStatus[]; ids: Set<string>; last?: string }>();
  const incomplete: string[] = [];
  const all: DeviceEvent[] = [];
  const seen = new Set<string>();
  for (const file of listLogs(fs, folder)) {
    const dev = deviceOfLog(file);
    const entry = perDevice.get(dev) ?? { logs: [], ids: new Set<string>() };
    perDevice.set(dev, entry);
    const path = join(folder, file);
    const copy = !isDeviceLog(file);
    let read;
    try {
      read = readFrom(fs, path, 0);
    } catch (e) {
      const problem = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      entry.logs.push({ file, copy, events: 0, unreadableLines: 0, tornBytes: 0, problem });
      incomplete.push(`${path} could not be read (${problem})`);
      continue;
    }
    if (!read) continue;
    let parsed;
    try {
      parsed = parseLogLines(read.buffer, validate, path);
    } catch (e) {
      if (!(e instanceof NewerLogError)) throw e;
      entry.logs.push({ file, copy, events: 0, unreadableLines: 0, tornBytes: 0, problem: e.message });
      incomplete.push(e.message);
      continue;
    }
    const torn = read.size - parsed.wholeBytes;
    if (torn > 0) incomplete.push(`${path} ends in half a line (${torn} bytes): being written by the sync tool? Read again later`);
    entry.logs.push({ file, copy, events: parsed.lines.length, unreadableLines: parsed.skipped, tornBytes: torn });
    for (const { event } of parsed.lines) {
      entry.ids.add(event.id);
      if (event.type === 'review' && (!entry.last || event.at > entry.last)) entry.last = event.at;
      if (!seen.has(event.id)) {
        seen.add(event.id);
        all.push({ event, device: dev });
      }
    }
  }
  const devices = [...perDevice].map(([id, e]) => ({ device: id, thisDevice: id === device, events: e.ids.size, ...(e.last ? { lastAnswerAt: e.last } : {}), logs: e.logs }));
  devices.sort((a, b) => Number(b.thisDevice) - Number(a.thisDevice) || (a.device < b.device ? -1 : 1));
  return { device, folder, devices, complete: incomplete.length === 0, incomplete, settingsConflicts: settingsConflicts(all) };
}

/** Settings replaced by another device's later change, read cheaply: only settings lines are parsed. */
export function settingsConflictsOf(dataDir: string, packId: string, fs: StoreFs = nodeFs): SettingsConflict[] {
  const folder = join(dataDir, 'progress', packId);
  const logs = listLogs(fs, folder);
  if (new Set(logs.map(deviceOfLog)).size < 2) return [];
  const events: DeviceEvent[] = [];
  const seen = new Set<string>();
  for (const file of logs) {
    const read = readFrom(fs, join(folder, file), 0);
    if (!read) continue;
    for (const line of read.buffer.toString('utf8').split('\n')) {
      if (!line.includes('"type":"settings"')) continue;
      try {
        const event = eventSchema.parse(JSON.parse(line)) as ProgressEvent;
        if (seen.has(event.id)) continue;
        seen.add(event.id);
        events.push({ event, device: deviceOfLog(file) });
      } catch {
        // Not an event: `progress check` and `sync status` report such lines.
      }
    }
  }
  return settingsConflicts(events);
}
