/** The events of a pack's review logs, every device's, each once, in order: what the model learns from. */
import type { ProgressEvent } from '../../domain/progress/events.js';
import { compareEvents } from '../../domain/progress/order.js';
import { nodeFs } from '../progress/file-system.js';
import { readLogs, unionEvents } from '../progress/log-lines.js';
import { eventSchema } from '../progress/progress-schema.js';

export function readPackEvents(dir: string): ProgressEvent[] {
  const events = unionEvents(readLogs(nodeFs, dir, (value) => eventSchema.parse(value) as ProgressEvent));
  return events.sort(compareEvents);
}
