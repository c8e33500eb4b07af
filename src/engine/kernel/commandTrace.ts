/**
 * The trace entry of a command rejected when its time came (a scheduled command, or a send made by a
 * service or a traffic source); the run goes on.
 */
import type { EntryBase } from './traceEntryBase';

/** A scheduled command was rejected when its time came (the run goes on). */
export interface CommandFailedEntry extends EntryBase {
  kind: 'commandFailed';
  command: string;
  code: string;
  message: string;
}
