/**
 * Traffic sources: seeded generators of records ("a customer places an order every 400 ms"). They are
 * data in the state and draw keys from the simulation's PRNG, so a run replays exactly.
 * Simplified: a fixed interval; scenarios' richer traffic runs as services on tickers (services.ts).
 */
import type { AddTrafficSourceCommand, SetTrafficSourceRunningCommand } from '../commands';
import { fail, KafkaSimError } from '../errors';
import type { TrafficTickEvent } from '../events';
import type { SimContext } from '../kernel/context';
import { getOwn, setOwn } from '../kernel/ownMap';
import { nextInt } from '../kernel/rng';
import { send } from '../clients/producer/producer';
import { requireProducer } from '../clientLookup';
import type { TrafficSourceState } from '../state';
import { actorId } from '../shared/actorId';

export function addTrafficSource(ctx: SimContext, command: AddTrafficSourceCommand): TrafficSourceState {
  const { state } = ctx;
  requireProducer(state, command.producer);
  if (getOwn(state.trafficSources, command.id) !== undefined) fail('SIM_DUPLICATE_CLIENT', `A traffic source named '${command.id}' already exists.`);
  if (!Number.isFinite(command.intervalMs) || command.intervalMs <= 0) fail('SIM_INVALID_ARGUMENT', `intervalMs must be above 0, got ${String(command.intervalMs)}.`);
  const limit = command.limit ?? -1;
  if (!Number.isInteger(limit) || limit < -1) fail('SIM_INVALID_ARGUMENT', `limit must be a whole number of records, or -1 for no limit; got ${String(command.limit)}.`);
  if (command.keys !== null && command.keys.length === 0) fail('SIM_INVALID_ARGUMENT', 'keys must be null (keyless records) or a non-empty list.');
  const source: TrafficSourceState = {
    id: command.id,
    producer: command.producer,
    topic: command.topic,
    intervalMs: command.intervalMs,
    keys: command.keys === null ? null : [...command.keys],
    valuePrefix: command.valuePrefix,
    limit,
    sentCount: 0,
    isRunning: true,
    nextTickSeq: -1,
  };
  setOwn(state.trafficSources, command.id, source);
  source.nextTickSeq = ctx.schedule(0, { type: 'trafficTick', source: source.id });
  return source;
}

export function setTrafficSourceRunning(ctx: SimContext, command: SetTrafficSourceRunningCommand): void {
  const source = getOwn(ctx.state.trafficSources, command.source);
  if (source === undefined) fail('SIM_UNKNOWN_CLIENT', `There is no traffic source named '${command.source}'.`);
  const wasRunning = source.isRunning;
  source.isRunning = command.isRunning;
  // A new tick chain; the old chain's pending tick no longer matches nextTickSeq and does nothing.
  if (!wasRunning && command.isRunning) source.nextTickSeq = ctx.schedule(0, { type: 'trafficTick', source: source.id });
}

export function onTrafficTick(ctx: SimContext, event: TrafficTickEvent): void {
  const source = getOwn(ctx.state.trafficSources, event.source);
  if (source === undefined || !source.isRunning || source.nextTickSeq !== event.seq) return;
  if (source.limit >= 0 && source.sentCount >= source.limit) return;
  const key = source.keys === null ? null : source.keys[nextInt(ctx.state.rng, source.keys.length)]!;
  source.sentCount++;
  try {
    send(ctx, { type: 'send', producer: source.producer, topic: source.topic, key, value: `${source.valuePrefix}-${source.sentCount}` });
  } catch (error) {
    // As with a real producer, a rejected send is reported (here: in the trace) and the app goes on.
    if (!(error instanceof KafkaSimError)) throw error;
    ctx.emit({ kind: 'commandFailed', level: 'control', actors: [actorId.producer(source.producer)], command: 'send', code: error.code, message: error.message });
  }
  if (source.limit >= 0 && source.sentCount >= source.limit) {
    source.isRunning = false;
    ctx.emit({ kind: 'trafficSourceFinished', level: 'control', actors: [actorId.producer(source.producer)], source: source.id, count: source.sentCount });
    return;
  }
  source.nextTickSeq = ctx.schedule(source.intervalMs, { type: 'trafficTick', source: source.id });
}
