/**
 * Trace entries of the simulated applications: what a service's handler logged or why it threw, and a
 * traffic source reaching its limit.
 */
import type { EntryBase } from '../kernel/traceEntryBase';
import type { AppData } from './appTypes';

/** Something a scenario service's handler did (AppContext.log): NOTIFIED, RETRY, FRAUD_ALERT, slot freed... */
export interface AppEventEntry extends EntryBase {
  kind: 'appEvent';
  service: string;
  instance: string;
  event: string;
  text: string;
  data: AppData;
  /** The record being handled, or null for a tick. */
  source: { topic: string; partition: number; offset: number } | null;
}

/** A handler threw: the scenario's code has a bug; the record counts as processed and the loop goes on. */
export interface AppHandlerFailedEntry extends EntryBase {
  kind: 'appHandlerFailed';
  service: string;
  instance: string;
  handler: string;
  message: string;
}

export interface TrafficSourceFinishedEntry extends EntryBase {
  kind: 'trafficSourceFinished';
  source: string;
  count: number;
}
