/** Helpers for group tests: a topic, a group of looping consumers, and who owns what. */
import type { ConsumerConfig } from '../../config';
import { type Simulation } from '../../kernel/simulation';
import { createSimulation } from '../../engine';
import type { CommitMode } from '../../state';

export interface GroupFixture {
  sim: Simulation;
  clients: string[];
}

export interface GroupFixtureOptions {
  seed?: number;
  topic?: string;
  partitions?: number;
  groupId?: string;
  clients: string[];
  config?: Partial<ConsumerConfig>;
  processingMsPerRecord?: number;
  commitMode?: CommitMode;
  initialRebalanceDelayMs?: number;
}

export function startGroup(options: GroupFixtureOptions): GroupFixture {
  const topic = options.topic ?? 'checkout';
  const sim = createSimulation({
    seed: options.seed ?? 7,
    brokerConfig: { 'group.initial.rebalance.delay.ms': options.initialRebalanceDelayMs ?? 0 },
    traceLimit: 1_000_000,
  });
  sim.createTopic({ name: topic, partitions: options.partitions ?? 10, replicationFactor: 1 });
  for (const clientId of options.clients) addMember(sim, clientId, options);
  return { sim, clients: options.clients };
}

export function addMember(sim: Simulation, clientId: string, options: Omit<GroupFixtureOptions, 'clients'>): void {
  sim.createConsumer({ clientId, config: { 'group.id': options.groupId ?? 'waitroom', 'auto.offset.reset': 'earliest', ...options.config } });
  sim.subscribe(clientId, [options.topic ?? 'checkout']);
  sim.startConsumerLoop({ consumer: clientId, processingMsPerRecord: options.processingMsPerRecord ?? 10, commitMode: options.commitMode ?? 'none' });
}

/** Partition numbers each consumer currently owns (client side), e.g. { 'waitroom-1': [0, 1, 2, 3] }. */
export function ownership(sim: Simulation, clients: readonly string[]): Record<string, number[]> {
  const result: Record<string, number[]> = {};
  for (const c of clients) result[c] = (sim.state.consumers[c]?.assignment ?? []).map((tp) => tp.partition);
  return result;
}

export function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

export { entriesOf } from '../../testing/entriesOf';
