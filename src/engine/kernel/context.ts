/**
 * What engine modules get when they run: the state to change, a way to write trace entries and a way
 * to schedule events, and a way for a client to tell the application running it what happened. The Simulation handle implements it; modules never see the handle itself.
 */
import type { AppHandlers } from '../apps/appTypes';
import type { ClientNotice } from '../clients/clientNotices';
import type { NewEvent } from '../events';
import type { SimState } from '../state';
import type { NewTraceEntry } from './trace';

export interface SimContext {
  readonly state: SimState;
  /** Scenario services' handlers by name (not state: functions). */
  readonly handlers: AppHandlers;
  /** Writes a trace entry stamped with the current step and time. */
  emit(entry: NewTraceEntry): void;
  /**
   * Whether anyone reads an entry written now (the step's caller or the trace window). A headless run
   * (traceLimit 0, runUntilTime) reads none, so the per-record emitters build their entry only when this
   * is true and otherwise call skipEntry().
   */
  readonly isTracing: boolean;
  /** Takes the trace id an entry written now would have had, writing nothing: ids stay as if it were written. */
  skipEntry(): void;
  /** Schedules an event `delayMs` from now and returns its sequence number. */
  schedule(delayMs: number, event: NewEvent): number;
  /** Hands a client's notice to the application layer now, before the caller goes on (clients/clientNotices.ts). */
  notify(notice: ClientNotice): void;
}
