/**
 * What every scheduled event carries: the simulated time it runs at and the sequence number that
 * orders events of the same time (eventQueue.ts). Each concern declares its events on top of it.
 */

export interface EventBase {
  time: number;
  seq: number;
}
