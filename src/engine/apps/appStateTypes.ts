/**
 * The state of a scenario's applications: each service's store and its instances' memory, tickers, the
 * handler a poll loop runs, and seeded traffic sources. Plain data, snapshotted with the rest; the
 * handlers themselves are functions and not state (appTypes.ts).
 */
import type { AppData } from './appTypes';

/** A scenario service: its shared store and each instance's in-memory state (see apps/appTypes.ts). */
export interface ServiceState {
  name: string;
  store: AppData;
  /** By instance client id. */
  memory: Record<string, AppData>;
}

/** A service's timer: calls a handler every `intervalMs` (customers placing orders, a queue processor). */
export interface TickerState {
  id: string;
  service: string;
  instance: string;
  handler: string;
  /** The producer the handler's produce() uses, or null. */
  producer: string | null;
  intervalMs: number;
  isRunning: boolean;
  /** Seq of the tick event that continues this ticker; stale ticks are ignored. */
  nextTickSeq: number;
  tickCount: number;
}

/** How a poll loop's processing runs the service's handler (see StartConsumerLoopCommand.app). */
export interface LoopApp {
  service: string;
  handler: string;
  producer: string | null;
}

/** A seeded generator of records: "a customer places an order every 400 ms". */
export interface TrafficSourceState {
  id: string;
  producer: string;
  topic: string;
  intervalMs: number;
  /** Keys to draw from with the seeded PRNG, or null for keyless records. */
  keys: string[] | null;
  /** Values are `${valuePrefix}-${n}`. */
  valuePrefix: string;
  /** Stop after this many records (-1 for no limit). */
  limit: number;
  sentCount: number;
  isRunning: boolean;
  /** Seq of the tick event that continues this source; stale ticks are ignored. */
  nextTickSeq: number;
}
