/**
 * The engine assembled: a new cluster's state (brokers, configs, the brokers' periodic work from t = 0)
 * and the kernel's Simulation wired to Kafka's modules (dispatch.ts, the application layer's notices).
 * Creating, restoring and continuing a run start here.
 */
import type { AppHandlers } from './apps/appTypes';
import type { SimulationOptions } from './commands';
import { DEFAULT_BROKER_CONFIG, DEFAULT_NETWORK_CONFIG, SHARE_BROKER_CONFIG_RANGES } from './config';
import { fail } from './errors';
import { isHousekeeping, type NewEvent } from './events';
import type { SimState } from './state';
import { cloneSharingRecords, type StateCheckpoint } from './kernel/checkpoint';
import { heapPush } from './kernel/eventQueue';
import { seedRng } from './kernel/rng';
import { TXN_TIMEOUT_CHECK_INTERVAL_MS } from './broker/txn/coordinator';
import { Simulation } from './kernel/simulation';
import type { EngineModules } from './kernel/engineModules';
import { applyCommand, applyEvent } from './dispatch';
import { onClientNotice } from './apps/clientNotices';

/** Kafka's modules, as the kernel runs them. */
const KAFKA: EngineModules = {
  applyCommand,
  applyEvent,
  onClientNotice,
  isHousekeeping,
  hasWorkOutsideQueue: (state) => {
    for (const id in state.producers) if (state.producers[id]!.unfinishedBatchCount > 0) return true;
    return false;
  },
};

function initialState(options: SimulationOptions): SimState {
  const { seed } = options;
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) fail('SIM_INVALID_ARGUMENT', `The seed must be an integer from 0 to 4294967295, got ${String(seed)}.`);
  const brokerCount = options.brokers ?? 3;
  if (!Number.isInteger(brokerCount) || brokerCount < 1 || brokerCount > 1000) fail('SIM_INVALID_ARGUMENT', `A cluster needs 1 to 1000 brokers, got ${String(brokerCount)}.`);
  const latencyMs = options.networkLatencyMs ?? DEFAULT_NETWORK_CONFIG.latencyMs;
  if (!Number.isFinite(latencyMs) || latencyMs < 0) fail('SIM_INVALID_ARGUMENT', `networkLatencyMs must be 0 or more, got ${String(latencyMs)}.`);
  const brokerConfig = { ...DEFAULT_BROKER_CONFIG, ...options.brokerConfig };
  if (!Number.isInteger(brokerConfig['num.partitions']) || brokerConfig['num.partitions'] < 1) fail('INVALID_CONFIG', 'num.partitions must be at least 1.');
  if (!Number.isInteger(brokerConfig['default.replication.factor']) || brokerConfig['default.replication.factor'] < 1) fail('INVALID_CONFIG', 'default.replication.factor must be at least 1.');
  for (const [name, [min, max]] of Object.entries(SHARE_BROKER_CONFIG_RANGES) as [keyof typeof SHARE_BROKER_CONFIG_RANGES, readonly [number, number]][]) {
    const value = brokerConfig[name];
    if (!Number.isInteger(value) || value < min || value > max) fail('INVALID_CONFIG', `${name} must be an integer from ${min} to ${max}, got ${String(value)}.`);
  }
  for (const name of ['log.retention.check.interval.ms', 'log.cleaner.backoff.ms'] as const) {
    if (!Number.isInteger(brokerConfig[name]) || brokerConfig[name] < 1) fail('INVALID_CONFIG', `${name} must be at least 1, got ${String(brokerConfig[name])}.`);
  }
  const state: SimState = {
    version: 3,
    seed,
    time: 0,
    stepCount: 0,
    nextEventSeq: 0,
    nextTraceId: 0,
    nextProducerId: 0,
    housekeepingEventCount: 0,
    rng: seedRng(seed),
    queue: [],
    network: { latencyMs },
    brokerConfig,
    brokers: Array.from({ length: brokerCount }, (_, i) => ({ id: i + 1, isAlive: true, incarnation: 0 })),
    topics: {},
    producers: {},
    consumers: {},
    groups: {},
    transactions: {},
    trafficSources: {},
    services: {},
    tickers: {},
    shareConsumers: {},
    shareGroups: {},
  };
  startBackgroundWork(state);
  return state;
}

/** The brokers' periodic work from t = 0: the retention check and (when enabled) the log cleaner. */
function startBackgroundWork(state: SimState): void {
  const first: NewEvent[] = [{ type: 'retentionCheck' }, { type: 'isrExpirationCheck' }, { type: 'txnTimeoutCheck' }];
  if (state.brokerConfig['log.cleaner.enable']) first.push({ type: 'cleanerWakeup' });
  if (state.brokerConfig['auto.leader.rebalance.enable']) first.push({ type: 'leaderImbalanceCheck' });
  const delays: Record<string, number> = {
    txnTimeoutCheck: TXN_TIMEOUT_CHECK_INTERVAL_MS,
    leaderImbalanceCheck: state.brokerConfig['leader.imbalance.check.interval.seconds'] * 1000,
    retentionCheck: state.brokerConfig['log.retention.check.interval.ms'],
    isrExpirationCheck: Math.max(1, Math.floor(state.brokerConfig['replica.lag.time.max.ms'] / 2)),
    cleanerWakeup: state.brokerConfig['log.cleaner.backoff.ms'],
  };
  for (const event of first) {
    const delayMs = delays[event.type]!;
    heapPush(state.queue, { ...event, time: delayMs, seq: state.nextEventSeq++ });
    state.housekeepingEventCount++;
  }
}

/** Creates a simulation of a cluster with `options.brokers` brokers and nothing else. */
export function createSimulation(options: SimulationOptions): Simulation {
  return new Simulation(initialState(options), KAFKA, options.traceLimit, options.handlers);
}

/** Continues a run from a checkpoint (its own copy; the checkpoint can be restored again). */
export function restoreCheckpoint(checkpoint: StateCheckpoint, options: { traceLimit?: number; handlers?: AppHandlers } = {}): Simulation {
  return new Simulation(cloneSharingRecords(checkpoint.sharedRecordsState), KAFKA, options.traceLimit, options.handlers);
}

/** Continues a run from a snapshot (its own copy; the snapshot is not changed). */
export function restoreSimulation(snapshot: SimState, options: { traceLimit?: number; handlers?: AppHandlers } = {}): Simulation {
  if ((snapshot.version as number) !== 3) fail('SIM_INVALID_ARGUMENT', `Cannot restore a snapshot of state version ${String(snapshot.version)}; this engine reads version 3.`);
  return new Simulation(structuredClone(snapshot), KAFKA, options.traceLimit, options.handlers);
}
