/**
 * What every trace entry carries: its id, the step and simulated time it was written at, its level
 * (trace.ts says what each level means) and the actors the UI draws it on. Each concern declares its
 * entries on top of it.
 */

export type TraceLevel = 'message' | 'control' | 'internal';

export interface EntryBase {
  /** Increasing id over the whole run. */
  id: number;
  /** Events processed before this entry was written (commands between steps share the step count). */
  step: number;
  /** Simulated time in ms. */
  time: number;
  level: TraceLevel;
  /** Who took part, as 'broker:1', 'producer:order-service', 'consumer:analytics', 'partition:orders-2'. */
  actors: string[];
}
