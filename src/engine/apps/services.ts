/**
 * The runtime of scenario services: runs a named handler for a processed record or a ticker's tick,
 * giving it the service's store, the instance's memory, the seeded PRNG and its producer. Handlers
 * are functions outside the state; everything they change is in the state, so runs replay exactly.
 */
import { copyPlainData } from '../kernel/checkpoint';
import type { AddTickerCommand, SetTickerRunningCommand } from '../commands';
import { fail, KafkaSimError } from '../errors';
import type { AppTickEvent } from '../events';
import type { SimContext } from '../kernel/context';
import { getOwn, setOwn } from '../kernel/ownMap';
import { nextFloat } from '../kernel/rng';
import { send } from '../clients/producer/producer';
import { requireProducer } from '../clientLookup';
import type { RecordHeader, ServiceState } from '../state';
import type { AppContext, AppData, HandledRecord } from './appTypes';
import { actorId } from '../shared/actorId';

function serviceOf(ctx: SimContext, name: string): ServiceState {
  let service = getOwn(ctx.state.services, name);
  if (service === undefined) {
    service = { name, store: {}, memory: {} };
    setOwn(ctx.state.services, name, service);
  }
  return service;
}

export function requireHandler(ctx: SimContext, name: string): void {
  if (!Object.hasOwn(ctx.handlers, name)) fail('SIM_INVALID_ARGUMENT', `There is no handler named '${name}' in this simulation (pass it in SimulationOptions.handlers).`);
}

/** Runs handler `name` as `instance` of `service`; a throwing handler is traced, not fatal. */
export function runHandler(ctx: SimContext, app: { service: string; handler: string; producer: string | null }, instance: string, record: HandledRecord | null): void {
  const handler = ctx.handlers[app.handler];
  const service = serviceOf(ctx, app.service);
  let memory = getOwn(service.memory, instance);
  if (memory === undefined) {
    memory = {};
    setOwn(service.memory, instance, memory);
  }
  const source = record === null ? null : { topic: record.topic, partition: record.partition, offset: record.offset };
  const actors = [actorId.consumer(instance), actorId.service(app.service)];
  const appCtx: AppContext = {
    service: app.service,
    instance,
    now: ctx.state.time,
    store: service.store,
    memory,
    random: () => nextFloat(ctx.state.rng),
    isUp: (other: string) => {
      const consumer = getOwn(ctx.state.consumers, other);
      return consumer !== undefined && consumer.memberState !== 'CRASHED' && consumer.memberState !== 'CLOSED';
    },
    produce: (topic: string, key: string | null, value: string | null, headers?: RecordHeader[]) => {
      if (app.producer === null) fail('SIM_ILLEGAL_STATE', `${instance} has no producer: give the loop or ticker a producer to produce from its handler.`);
      try {
        send(ctx, { type: 'send', producer: app.producer, topic, key, value, ...(headers === undefined ? {} : { headers: headers.map((h) => ({ ...h })) }) });
      } catch (error) {
        // As with a real producer, a rejected send is reported and the application goes on.
        if (!(error instanceof KafkaSimError)) throw error;
        ctx.emit({ kind: 'commandFailed', level: 'control', actors: [actorId.producer(app.producer)], command: 'send', code: error.code, message: error.message });
      }
    },
    log: (event: string, text: string, data: AppData = {}) => {
      ctx.emit({ kind: 'appEvent', level: 'message', actors, service: app.service, instance, event, text, data: copyPlainData(data), source });
    },
  };
  try {
    handler!(record, appCtx);
  } catch (error) {
    ctx.emit({ kind: 'appHandlerFailed', level: 'control', actors, service: app.service, instance, handler: app.handler, message: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * The instance's process stopped (crash or close): what it kept in memory is gone (its service's store
 * is not), and its timers stop with it.
 */
export function onInstanceStopped(ctx: SimContext, service: string | undefined, instance: string): void {
  if (service !== undefined) {
    const s = getOwn(ctx.state.services, service);
    if (s !== undefined && getOwn(s.memory, instance) !== undefined) setOwn(s.memory, instance, {});
  }
  for (const ticker of Object.values(ctx.state.tickers)) if (ticker.instance === instance) ticker.isRunning = false;
}

/** The instance's process started again: its timers start again. */
export function onInstanceRestarted(ctx: SimContext, instance: string): void {
  for (const ticker of Object.values(ctx.state.tickers)) {
    if (ticker.instance === instance && !ticker.isRunning) setTickerRunning(ctx, { type: 'setTickerRunning', ticker: ticker.id, isRunning: true });
  }
}

export function addTicker(ctx: SimContext, command: AddTickerCommand): void {
  const { state } = ctx;
  if (getOwn(state.tickers, command.id) !== undefined) fail('SIM_DUPLICATE_CLIENT', `A ticker named '${command.id}' already exists.`);
  if (!Number.isFinite(command.intervalMs) || command.intervalMs <= 0) fail('SIM_INVALID_ARGUMENT', `intervalMs must be above 0, got ${String(command.intervalMs)}.`);
  requireHandler(ctx, command.handler);
  if (command.producer !== undefined) requireProducer(state, command.producer);
  serviceOf(ctx, command.service);
  const ticker = {
    id: command.id,
    service: command.service,
    instance: command.instance,
    handler: command.handler,
    producer: command.producer ?? null,
    intervalMs: command.intervalMs,
    isRunning: true,
    nextTickSeq: -1,
    tickCount: 0,
  };
  setOwn(state.tickers, command.id, ticker);
  ticker.nextTickSeq = ctx.schedule(command.intervalMs, { type: 'appTick', ticker: command.id });
}

export function setTickerRunning(ctx: SimContext, command: SetTickerRunningCommand): void {
  const ticker = getOwn(ctx.state.tickers, command.ticker);
  if (ticker === undefined) fail('SIM_UNKNOWN_CLIENT', `There is no ticker named '${command.ticker}'.`);
  const wasRunning = ticker.isRunning;
  ticker.isRunning = command.isRunning;
  // A new tick chain; the old chain's pending tick no longer matches nextTickSeq and does nothing.
  if (!wasRunning && command.isRunning) ticker.nextTickSeq = ctx.schedule(ticker.intervalMs, { type: 'appTick', ticker: ticker.id });
}

export function onAppTick(ctx: SimContext, event: AppTickEvent): void {
  const ticker = getOwn(ctx.state.tickers, event.ticker);
  if (ticker === undefined || !ticker.isRunning || ticker.nextTickSeq !== event.seq) return;
  ticker.tickCount++;
  runHandler(ctx, ticker, ticker.instance, null);
  ticker.nextTickSeq = ctx.schedule(ticker.intervalMs, { type: 'appTick', ticker: ticker.id });
}
