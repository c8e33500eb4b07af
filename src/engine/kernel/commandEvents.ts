/**
 * A command scheduled for later (Simulation.schedule): it waits in the queue like any event and is
 * applied when its time comes (dispatch.ts).
 */
import type { Command } from '../commands';
import type { EventBase } from './eventBase';

/** A command scheduled for later (a scenario's or a learner's action at a given time). */
export interface ScheduledCommandEvent extends EventBase {
  type: 'scheduledCommand';
  command: Command;
}
