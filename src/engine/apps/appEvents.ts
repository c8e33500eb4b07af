/**
 * Ticks of the simulated applications: a traffic source's next record and a service's ticker.
 * trafficSource.ts and services.ts apply them.
 */
import type { EventBase } from '../kernel/eventBase';

/** A traffic source produces its next record. */
export interface TrafficTickEvent extends EventBase {
  type: 'trafficTick';
  source: string;
}

/** A service's ticker fires. */
export interface AppTickEvent extends EventBase {
  type: 'appTick';
  ticker: string;
}
