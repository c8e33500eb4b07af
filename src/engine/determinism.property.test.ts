/**
 * Model-style property tests: random seeds and random command lists (plain data, so fast-check prints
 * a failing list as is), applied to the engine with invalid commands allowed. Checks determinism,
 * snapshot/restore equivalence and Kafka's log and consumer invariants after every event.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  createSimulation,
  KafkaSimError,
  restoreSimulation,
  type Acks,
  type AutoOffsetReset,
  type Command,
  type SendReceipt,
  type SimState,
  type Simulation,
  type SimulationOptions,
} from './index';

// ---------------------------------------------------------------------------------------------------
// The command model
// ---------------------------------------------------------------------------------------------------

/** 'compacted' is the only name created with cleanup.policy=compact. 'auto' is only ever auto-created
 * (or created later, then rejected as a duplicate). 'bad name' is illegal. '__proto__' is legal. */
const TOPICS = ['orders', 'payments', '__proto__', 'a.b_c-1', 'compacted', 'auto'] as const;
const SEND_TOPICS = [...TOPICS, 'bad name'] as const;
const PRODUCERS = ['p1', 'p2', 'constructor'] as const;
const CONSUMERS = ['c1', 'c2', 'toString'] as const;
const GROUPS = [null, 'g1', 'g2', '__proto__'] as const;
const KEYS = ['alice', 'bob', 'carol', 'dave', 'ü-key'] as const;
const SOURCES = ['s1', 's2'] as const;

type Op =
  | { op: 'createTopic'; name: string; partitions: number; replicationFactor: number; logAppendTime: boolean }
  | { op: 'createProducer'; clientId: string; acks: Acks; lingerMs: number; batchSize: number; idempotence: boolean | null; ignoreKeys: boolean }
  | { op: 'send'; producer: string; topic: string; key: string | null; partition: number | null }
  | {
      op: 'createConsumer';
      clientId: string;
      groupId: string | null;
      reset: AutoOffsetReset;
      autoCommit: boolean;
      autoCommitIntervalMs: number;
      maxPollRecords: number;
      fetchMaxWaitMs: number;
    }
  | { op: 'assign'; consumer: string; partitions: { topic: string; partition: number }[] }
  | { op: 'poll'; consumer: string }
  | { op: 'commit'; consumer: string; offsets: { topic: string; partition: number; offset: number }[] | null }
  | { op: 'startLoop'; consumer: string; processingMsPerRecord: number; commitMode: 'after-processing' | 'before-processing' | 'none' }
  | { op: 'traffic'; id: string; producer: string; topic: string; intervalMs: number; keys: string[] | null; limit: number }
  | { op: 'trafficRunning'; source: string; isRunning: boolean }
  | { op: 'schedule'; delayMs: number; what: 'send' | 'createTopic' | 'poll'; target: string; name: string }
  /** Chaos: broker crashes, shutdowns and restarts, consumer crashes, closes and restarts, partition growth, a stalled handler. */
  | { op: 'chaos'; command: Command }
  | { op: 'steps'; n: number }
  | { op: 'until'; dtMs: number };

interface Scenario {
  options: SimulationOptions;
  ops: Op[];
}

const topicName = fc.constantFrom(...TOPICS);
const keyArb = fc.option(fc.constantFrom(...KEYS), { nil: null, freq: 3 });
const partitionArb = fc.integer({ min: 0, max: 6 });

function createTopicArb(name: fc.Arbitrary<string>, partitions: fc.Arbitrary<number>, replicationFactor: fc.Arbitrary<number>) {
  return fc.record({ op: fc.constant('createTopic' as const), name, partitions, replicationFactor, logAppendTime: fc.boolean() });
}

const createProducerArb = fc.record({
  op: fc.constant('createProducer' as const),
  clientId: fc.constantFrom(...PRODUCERS),
  acks: fc.constantFrom<Acks>('all', '1', '0'),
  lingerMs: fc.constantFrom(0, 1, 5, 20),
  batchSize: fc.constantFrom(0, 100, 200, 16384),
  idempotence: fc.constantFrom(null, null, true, false),
  ignoreKeys: fc.boolean(),
});

const createConsumerArb = fc.record({
  op: fc.constant('createConsumer' as const),
  clientId: fc.constantFrom(...CONSUMERS),
  groupId: fc.constantFrom(...GROUPS),
  reset: fc.constantFrom<AutoOffsetReset>('earliest', 'earliest', 'latest', 'none'),
  autoCommit: fc.boolean(),
  autoCommitIntervalMs: fc.constantFrom(0, 100, 1000),
  maxPollRecords: fc.integer({ min: 1, max: 10 }),
  fetchMaxWaitMs: fc.constantFrom(0, 50, 500),
});

const startLoopArb = (consumer: fc.Arbitrary<string>) =>
  fc.record({
    op: fc.constant('startLoop' as const),
    consumer,
    processingMsPerRecord: fc.constantFrom(0, 1, 10, 50),
    commitMode: fc.constantFrom('after-processing' as const, 'before-processing' as const, 'none' as const),
  });

/** What the set-up created, so the body mostly names things that exist (and sometimes things that don't). */
interface Names {
  topics: { name: string; partitions: number }[];
  producers: string[];
  consumers: string[];
}

/** Mostly one of `valid`, sometimes any of `all`. */
function mostly<T>(valid: readonly T[], all: readonly T[]): fc.Arbitrary<T> {
  return valid.length === 0 ? fc.constantFrom(...all) : fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: fc.constantFrom(...all) });
}

function topicPartitionArb(names: Names): fc.Arbitrary<{ topic: string; partition: number }> {
  const known = names.topics.map((t) =>
    fc.record({ topic: fc.constant(t.name), partition: fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: t.partitions - 1 }) }, { weight: 1, arbitrary: partitionArb }) }),
  );
  return fc.oneof({ weight: 8, arbitrary: fc.oneof(...known) }, { weight: 1, arbitrary: fc.record({ topic: topicName, partition: partitionArb }) });
}

function bodyOpArb(names: Names): fc.Arbitrary<Op> {
  const producer = mostly(names.producers, PRODUCERS);
  const consumer = mostly(names.consumers, CONSUMERS);
  const topic = mostly(names.topics.map((t) => t.name), TOPICS);
  return fc.oneof(
    {
      weight: 2,
      arbitrary: createTopicArb(
        topicName,
        fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 6 }) }, { weight: 1, arbitrary: fc.constant(0) }),
        fc.integer({ min: 1, max: 4 }),
      ),
    },
    { weight: 1, arbitrary: createProducerArb },
    {
      weight: 20,
      arbitrary: fc.record({
        op: fc.constant('send' as const),
        producer,
        topic: fc.oneof({ weight: 12, arbitrary: topic }, { weight: 1, arbitrary: fc.constantFrom(...SEND_TOPICS) }),
        key: keyArb,
        partition: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: partitionArb }),
      }),
    },
    { weight: 1, arbitrary: createConsumerArb },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('assign' as const), consumer, partitions: fc.array(topicPartitionArb(names), { maxLength: 4 }) }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('poll' as const), consumer }) },
    {
      weight: 3,
      arbitrary: fc.record({
        op: fc.constant('commit' as const),
        consumer,
        offsets: fc.option(
          fc.array(fc.tuple(topicPartitionArb(names), fc.integer({ min: -1, max: 30 })).map(([tp, offset]) => ({ ...tp, offset })), { maxLength: 3 }),
          { nil: null },
        ),
      }),
    },
    { weight: 2, arbitrary: startLoopArb(consumer) },
    {
      weight: 2,
      arbitrary: fc
        .record({
          op: fc.constant('traffic' as const),
          id: fc.constantFrom(...SOURCES),
          producer,
          topic,
          intervalMs: fc.integer({ min: 1, max: 200 }),
          keys: fc.option(fc.subarray([...KEYS], { minLength: 1 }), { nil: null }),
          limit: fc.integer({ min: -1, max: 8 }),
        })
        // A keyless source on a compacted topic crashes step() (engine bug, pinned in kernel.test.ts);
        // keep it out here so these properties test everything else.
        .map((op) => (op.topic === 'compacted' && op.keys === null ? { ...op, keys: ['alice'] } : op)),
    },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('trafficRunning' as const), source: fc.constantFrom(...SOURCES), isRunning: fc.boolean() }) },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('schedule' as const),
        delayMs: fc.integer({ min: 0, max: 300 }),
        what: fc.constantFrom('send' as const, 'createTopic' as const, 'poll' as const),
        target: fc.oneof(producer, consumer),
        name: fc.oneof({ weight: 4, arbitrary: topic }, { weight: 1, arbitrary: fc.constantFrom(...SEND_TOPICS) }),
      }),
    },
    { weight: 3, arbitrary: chaosArb(consumer, topic) },
    { weight: 6, arbitrary: fc.record({ op: fc.constant('steps' as const), n: fc.integer({ min: 1, max: 60 }) }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('until' as const), dtMs: fc.integer({ min: 1, max: 1500 }) }) },
  );
}

function chaosArb(consumer: fc.Arbitrary<string>, topic: fc.Arbitrary<string>): fc.Arbitrary<Op> {
  const broker = fc.integer({ min: 1, max: 4 });
  const command: fc.Arbitrary<Command> = fc.oneof(
    broker.map((brokerId): Command => ({ type: 'crashBroker', brokerId })),
    broker.map((brokerId): Command => ({ type: 'restartBroker', brokerId })),
    broker.map((brokerId): Command => ({ type: 'shutdownBroker', brokerId })),
    consumer.map((c): Command => ({ type: 'crashConsumer', consumer: c })),
    consumer.map((c): Command => ({ type: 'closeConsumer', consumer: c })),
    consumer.map((c): Command => ({ type: 'restartConsumer', consumer: c })),
    fc.tuple(consumer, fc.boolean()).map(([c, paused]): Command => ({ type: 'setProcessingPaused', consumer: c, paused })),
    fc.tuple(topic, fc.integer({ min: 1, max: 8 })).map(([t, totalCount]): Command => ({ type: 'createPartitions', topic: t, totalCount })),
  );
  return command.map((c) => ({ op: 'chaos' as const, command: c }));
}

/** Mostly valid set-up first (topics, producers, consumers with assignments), then a random body. */
const opsArb: fc.Arbitrary<Op[]> = fc
  .record({
    topics: fc.uniqueArray(createTopicArb(topicName, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 2 })), {
      selector: (o) => o.name,
      minLength: 1,
      maxLength: 4,
    }),
    producers: fc.uniqueArray(createProducerArb, { selector: (o) => o.clientId, minLength: 1, maxLength: 3 }),
    consumers: fc.uniqueArray(createConsumerArb, { selector: (c) => c.clientId, maxLength: 3 }),
  })
  .chain(({ topics, producers, consumers }) => {
    const names: Names = {
      topics: topics.map((t) => ({ name: t.name, partitions: t.partitions })),
      producers: producers.map((p) => p.clientId),
      consumers: consumers.map((c) => c.clientId),
    };
    // Either every partition of one topic (so the consumer sees most of that topic's records) or a few random ones.
    const wholeTopic = fc.constantFrom(...names.topics).map((t) => Array.from({ length: t.partitions }, (_, partition) => ({ topic: t.name, partition })));
    const partitionsArb = fc.oneof(wholeTopic, fc.array(topicPartitionArb(names), { minLength: 1, maxLength: 4 }));
    const perConsumer = consumers.map((c) =>
      fc.tuple(partitionsArb, fc.option(startLoopArb(fc.constant(c.clientId)), { nil: null, freq: 2 })).map(
        ([partitions, loop]): Op[] => [c, { op: 'assign', consumer: c.clientId, partitions }, ...(loop === null ? [] : [loop])],
      ),
    );
    return fc.tuple(
      fc.tuple(...perConsumer),
      fc.array(bodyOpArb(names), { minLength: 10, maxLength: 60, size: 'medium' }),
      fc.integer({ min: 100, max: 3000 }),
    ).map(([consumerOps, body, dtMs]): Op[] => [
      ...topics,
      ...producers,
      ...consumerOps.flat(),
      ...body,
      // End with a long run so batches land, fetches return and loops commit.
      { op: 'until', dtMs },
    ]);
  });

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  options: fc.record({
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    brokers: fc.integer({ min: 1, max: 4 }),
    networkLatencyMs: fc.constantFrom(0, 1, 1, 3),
    brokerConfig: fc.record({ 'num.partitions': fc.integer({ min: 1, max: 3 }) }),
  }),
  ops: opsArb,
});

// ---------------------------------------------------------------------------------------------------
// Running a scenario
// ---------------------------------------------------------------------------------------------------

/** Events one 'until' may run: a consumer loop with no latency and no wait never lets time pass. */
const MAX_STEPS_PER_OP = 300;
/** Room for every trace entry of a run, so traces can be compared whole. */
const TRACE_LIMIT = 1_000_000;

interface Hooks {
  afterStep?: (sim: Simulation) => void;
  onSent?: (op: Extract<Op, { op: 'send' }>, value: string, receipt: SendReceipt) => void;
}

function partitionOf(sim: Simulation, topic: string, partition: number) {
  const t = Object.hasOwn(sim.state.topics, topic) ? sim.state.topics[topic] : undefined;
  return t?.partitions[partition];
}

function toCommand(sim: Simulation, op: Op, index: number): Command | null {
  switch (op.op) {
    case 'chaos':
      return op.command;
    case 'createTopic':
      return {
        type: 'createTopic',
        name: op.name,
        partitions: op.partitions,
        replicationFactor: op.replicationFactor,
        configs: {
          'cleanup.policy': op.name === 'compacted' ? 'compact' : 'delete',
          'message.timestamp.type': op.logAppendTime ? 'LogAppendTime' : 'CreateTime',
        },
      };
    case 'createProducer':
      return {
        type: 'createProducer',
        clientId: op.clientId,
        config: {
          acks: op.acks,
          'linger.ms': op.lingerMs,
          'batch.size': op.batchSize,
          'partitioner.ignore.keys': op.ignoreKeys,
          ...(op.idempotence === null ? {} : { 'enable.idempotence': op.idempotence }),
        },
      };
    case 'send':
      return {
        type: 'send',
        producer: op.producer,
        topic: op.topic,
        key: op.key,
        value: `m${index}`,
        ...(op.partition === null ? {} : { partition: op.partition }),
      };
    case 'createConsumer':
      return {
        type: 'createConsumer',
        clientId: op.clientId,
        config: {
          'group.id': op.groupId,
          'auto.offset.reset': op.reset,
          'enable.auto.commit': op.autoCommit,
          'auto.commit.interval.ms': op.autoCommitIntervalMs,
          'max.poll.records': op.maxPollRecords,
          'fetch.max.wait.ms': op.fetchMaxWaitMs,
        },
      };
    case 'assign':
      return { type: 'assign', consumer: op.consumer, partitions: op.partitions };
    case 'poll':
      return { type: 'poll', consumer: op.consumer };
    case 'commit': {
      if (op.offsets === null) return { type: 'commit', consumer: op.consumer };
      // A committed offset beyond the high watermark leaves the consumer stuck out of range (engine bug,
      // pinned in consumer.test.ts), so explicit commits are clamped to the high watermark here.
      const offsets = op.offsets.map((o) => {
        const hw = partitionOf(sim, o.topic, o.partition)?.log.highWatermark;
        return { ...o, offset: hw === undefined ? o.offset : Math.min(o.offset, hw) };
      });
      return { type: 'commit', consumer: op.consumer, offsets };
    }
    case 'startLoop':
      return { type: 'startConsumerLoop', consumer: op.consumer, processingMsPerRecord: op.processingMsPerRecord, commitMode: op.commitMode };
    case 'traffic':
      return {
        type: 'addTrafficSource',
        id: op.id,
        producer: op.producer,
        topic: op.topic,
        intervalMs: op.intervalMs,
        keys: op.keys,
        valuePrefix: `t-${op.id}`,
        limit: op.limit,
      };
    case 'trafficRunning':
      return { type: 'setTrafficSourceRunning', source: op.source, isRunning: op.isRunning };
    case 'schedule':
    case 'steps':
    case 'until':
      return null;
  }
}

function stepAndCheck(sim: Simulation, hooks: Hooks): void {
  sim.step();
  hooks.afterStep?.(sim);
}

/** Applies one op. Commands Kafka would reject must throw KafkaSimError; anything else is a failure. */
function applyOp(sim: Simulation, op: Op, index: number, hooks: Hooks = {}): void {
  if (op.op === 'steps') {
    for (let i = 0; i < op.n && !sim.isIdle; i++) stepAndCheck(sim, hooks);
    return;
  }
  if (op.op === 'until') {
    // Same semantics as runUntilTime(target, MAX_STEPS_PER_OP), one step at a time.
    const target = sim.time + op.dtMs;
    let steps = 0;
    for (;;) {
      const next = sim.nextEventTime;
      if (next === null || next > target || steps >= MAX_STEPS_PER_OP) break;
      stepAndCheck(sim, hooks);
      steps++;
    }
    if (steps < MAX_STEPS_PER_OP) sim.runUntilTime(target);
    return;
  }
  try {
    if (op.op === 'schedule') {
      const command: Command =
        op.what === 'send'
          ? { type: 'send', producer: op.target, topic: op.name, key: 'alice', value: `d${index}` }
          : op.what === 'createTopic'
            ? { type: 'createTopic', name: op.name, partitions: 2 }
            : { type: 'poll', consumer: op.target };
      sim.schedule(op.delayMs, command);
      return;
    }
    const command = toCommand(sim, op, index);
    if (command === null) return;
    const result = sim.execute(command);
    if (op.op === 'send' && command.type === 'send' && result !== undefined) hooks.onSent?.(op, command.value ?? '', result);
  } catch (error) {
    if (!(error instanceof KafkaSimError)) throw error;
  }
}

function newSim(options: SimulationOptions): Simulation {
  return createSimulation({ ...options, traceLimit: TRACE_LIMIT });
}

function runAll(scenario: Scenario, hooks: Hooks = {}): Simulation {
  const sim = newSim(scenario.options);
  scenario.ops.forEach((op, i) => { applyOp(sim, op, i, hooks); });
  return sim;
}

// ---------------------------------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------------------------------

/**
 * Plain data only: null, booleans, strings, finite numbers (not -0), dense arrays and plain objects
 * whose own properties are enumerable data properties. Exactly what a JSON round trip keeps unchanged.
 */
function assertPlainData(value: unknown, path: string): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${path} is ${String(value)}`);
    if (Object.is(value, -0)) throw new Error(`${path} is -0`);
    return;
  }
  if (typeof value !== 'object') throw new Error(`${path} is ${typeof value}`);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new Error(`${path}[${i}] is a hole`);
      assertPlainData(value[i], `${path}[${i}]`);
    }
    return;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) throw new Error(`${path} is not a plain object`);
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === 'symbol') throw new Error(`${path} has a symbol key`);
    const d = Object.getOwnPropertyDescriptor(value, key)!;
    if (!d.enumerable || d.get !== undefined || d.set !== undefined) throw new Error(`${path}.${key} is not a plain data property`);
    assertPlainData(d.value, `${path}.${key}`);
  }
}

/**
 * A faster walk for after every event: the same checks except for non-enumerable and accessor
 * properties, and records (pending or in a log, recognised by `headers` and `sizeBytes`) are walked
 * once: the engine never changes a record after creating it (the full walk after each command would
 * still see it if it did).
 */
function assertJsonSafe(value: unknown, path: () => string, checkedRecords: WeakSet<object>): void {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Object.is(value, -0)) throw new Error(`${path()} is ${Object.is(value, -0) ? '-0' : String(value)}`);
    return;
  }
  if (typeof value !== 'object') throw new Error(`${path()} is ${typeof value}`);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new Error(`${path()}[${i}] is a hole`);
      assertJsonSafe(value[i], () => `${path()}[${i}]`, checkedRecords);
    }
    return;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) throw new Error(`${path()} is not a plain object`);
  if (checkedRecords.has(value)) return;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) assertJsonSafe(record[key], () => `${path()}.${key}`, checkedRecords);
  if (Object.hasOwn(record, 'headers') && Object.hasOwn(record, 'sizeBytes')) checkedRecords.add(value);
}

/** A plain assertion: vitest's expect() is too slow to call for every record after every event. */
function check(condition: boolean, message: () => string): asserts condition {
  if (!condition) throw new Error(`invariant violated: ${message()}`);
}

type LogRecords = Simulation['state']['topics'][string]['partitions'][number]['log']['records'];

class InvariantChecker {
  /** Explicit sends per producer, topic, partition and key, in send order. */
  readonly sent = new Map<string, string[]>();
  readonly lastHighWatermark = new Map<string, number>();
  readonly checkedRecords = new WeakSet<object>();

  readonly hooks: Hooks = {
    afterStep: (sim) => { this.check(sim, false); },
    onSent: (op, value, receipt) => {
      const k = [op.producer, receipt.topic, receipt.partition, op.key].join('/');
      this.sent.set(k, [...(this.sent.get(k) ?? []), value]);
    },
  };

  /**
   * After every event: the log, consumer and group invariants, and that the state is plain data. Plain
   * data (assertPlainData) is exactly what survives a JSON round trip unchanged; the round trip itself,
   * which needs a clone and two JSON passes, runs when `withRoundTrip` is set (after every command).
   */
  check(sim: Simulation, withRoundTrip: boolean): void {
    const state = sim.state;
    const at = ` at step ${sim.stepCount}, time ${sim.time}`;
    for (const topic of Object.values(state.topics)) {
      for (const p of topic.partitions) {
        const log = p.log;
        const where = `${topic.name}-${p.partition}${at}`;
        const { logStartOffset, lastStableOffset, highWatermark, logEndOffset } = log;
        const offsets = () => `${where}: logStartOffset ${logStartOffset}, LSO ${lastStableOffset}, HW ${highWatermark}, LEO ${logEndOffset}`;
        check(0 <= logStartOffset && logStartOffset <= lastStableOffset && lastStableOffset <= highWatermark && highWatermark <= logEndOffset, offsets);
        // No compaction or retention yet: the records are exactly [logStartOffset, logEndOffset).
        check(log.records.length === logEndOffset - logStartOffset, () => `${offsets()}, ${log.records.length} records`);
        let previous = logStartOffset - 1;
        let bytes = 0;
        for (const r of log.records) {
          check(r.offset > previous, () => `${where}: offset ${r.offset} after ${previous}`);
          previous = r.offset;
          bytes += r.sizeBytes;
        }
        check(previous === logEndOffset - 1, () => `${where}: last offset ${previous}, LEO ${logEndOffset}`);
        const segmentBytes = log.segments.reduce((n, s) => n + s.sizeBytes, 0);
        // Segments count the records plus a batch header per batch.
        check(segmentBytes >= bytes, () => `${where}: segments hold ${segmentBytes} bytes, records ${bytes}`);
        // MonotonicHighWatermark, as Kafka's RaftEventSimulationTest names it.
        const hwKey = `${topic.name}/${p.partition}`;
        const lastHw = this.lastHighWatermark.get(hwKey) ?? 0;
        check(highWatermark >= lastHw, () => `${where}: high watermark went back from ${lastHw} to ${highWatermark}`);
        this.lastHighWatermark.set(hwKey, highWatermark);
        this.checkRecordOrder(p.topic, p.partition, log.records, where);
      }
    }
    for (const consumer of Object.values(state.consumers)) {
      for (const tp of consumer.assignment) {
        if (tp.position === -1) continue;
        const log = partitionOf(sim, tp.topic, tp.partition)?.log;
        check(log !== undefined, () => `${consumer.clientId} is assigned the unknown ${tp.topic}-${tp.partition}`);
        check(
          tp.position >= log.logStartOffset && tp.position <= log.highWatermark,
          () => `${consumer.clientId} ${tp.topic}-${tp.partition}${at}: position ${tp.position} outside [${log.logStartOffset}, ${log.highWatermark}]`,
        );
      }
    }
    for (const group of Object.values(state.groups)) {
      for (const [key, committed] of Object.entries(group.offsets)) {
        check(Number.isInteger(committed.offset) && committed.offset >= 0, () => `${group.groupId} ${key}: committed ${committed.offset}`);
      }
    }
    if (!withRoundTrip) {
      assertJsonSafe(state, () => 'state', this.checkedRecords);
    } else {
      assertPlainData(state, 'state');
      const snapshot = sim.snapshot();
      const roundTripped: unknown = JSON.parse(JSON.stringify(snapshot));
      if (!isDeepStrictEqual(roundTripped, snapshot)) expect(roundTripped).toStrictEqual(snapshot);
    }
  }

  /** Per key, a partition holds a producer's records in send order; idempotent sequences count up. */
  private checkRecordOrder(topic: string, partition: number, records: LogRecords, where: string): void {
    const explicit = new Map<string, string[]>();
    const traffic = new Map<string, number>();
    const sequences = new Map<number, number>();
    for (const r of records) {
      if (r.producerId >= 0) {
        // The first sequence kept may be above 0: when the producer's first batches were lost in flight or
        // truncated, a leader with no state for it accepts any sequence (as Kafka's
        // ProducerAppendInfo.checkSequence does); from there on they count up by one.
        const expected = sequences.get(r.producerId) ?? r.sequence;
        check(r.sequence === expected, () => `${where}: producer ${r.producerId} sequence ${r.sequence} at offset ${r.offset}, expected ${expected}`);
        sequences.set(r.producerId, r.sequence + 1);
      } else {
        check(r.sequence === -1, () => `${where}: non-idempotent record at offset ${r.offset} has sequence ${r.sequence}`);
      }
      // Without idempotence a retried batch can be written twice, or after a later one: Kafka promises
      // neither order nor uniqueness then, so only idempotent records are held to them.
      if (r.producerId < 0) continue;
      const value = r.value ?? '';
      if (value.startsWith('m')) {
        const k = [r.clientId, topic, partition, r.key].join('/');
        let list = explicit.get(k);
        if (list === undefined) explicit.set(k, (list = []));
        list.push(value);
      } else if (value.startsWith('t-')) {
        const dash = value.lastIndexOf('-');
        const k = [r.clientId, r.key, value.slice(0, dash)].join('/');
        const n = Number(value.slice(dash + 1));
        const last = traffic.get(k) ?? 0;
        check(n > last, () => `${where}: traffic record ${value} stored after number ${last} of the same source and key`);
        traffic.set(k, n);
      }
    }
    for (const [k, values] of explicit) {
      const sent = this.sent.get(k) ?? [];
      // In send order, each once: an ordered subsequence of what was sent (records never acknowledged may
      // be lost when their leader goes away).
      let at = 0;
      const inOrder = values.every((v) => (at = sent.indexOf(v, at) + 1) > 0);
      check(inOrder, () => `${where}: ${k} stored [${values.join(', ')}] but was sent [${sent.join(', ')}]`);
    }
  }
}

// ---------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------

/** `npm run test:deep` sets DEEP_RUNS (10,000); `npm test` runs a small batch. */
const DEEP_RUNS = Number(process.env['DEEP_RUNS'] ?? 0);
const FC_OPTIONS = { seed: 0x5eed_ca4a, numRuns: DEEP_RUNS > 0 ? DEEP_RUNS : 100 } as const;
/** Generous: these take a few seconds each on two cores, more while fast-check shrinks a failure. */
const PROPERTY_TIMEOUT_MS = DEEP_RUNS > 0 ? 3_600_000 : 120_000;

function cutArb(): fc.Arbitrary<{ scenario: Scenario; cut: number }> {
  return scenarioArb.chain((scenario) => fc.record({ scenario: fc.constant(scenario), cut: fc.integer({ min: 0, max: scenario.ops.length }) }));
}

/** Runs ops[0, cut), round-trips the snapshot through `copy`, restores and runs the rest. */
function checkCutAndRestore(scenario: Scenario, cut: number, copy: (s: SimState) => SimState): void {
  const straight = newSim(scenario.options);
  let cutTraceId = 0;
  let hashAtCut = '';
  scenario.ops.forEach((op, i) => {
    if (i === cut) {
      cutTraceId = straight.state.nextTraceId;
      hashAtCut = straight.hash();
    }
    applyOp(straight, op, i);
  });
  if (cut === scenario.ops.length) {
    cutTraceId = straight.state.nextTraceId;
    hashAtCut = straight.hash();
  }

  const first = newSim(scenario.options);
  scenario.ops.slice(0, cut).forEach((op, i) => { applyOp(first, op, i); });
  expect(first.hash()).toBe(hashAtCut);
  const restored = restoreSimulation(copy(first.snapshot()), { traceLimit: TRACE_LIMIT });
  expect(restored.hash()).toBe(hashAtCut);
  scenario.ops.slice(cut).forEach((op, i) => { applyOp(restored, op, cut + i); });

  expect(restored.hash()).toBe(straight.hash());
  expect(JSON.stringify(restored.trace)).toBe(JSON.stringify(straight.trace.filter((e) => e.id >= cutTraceId)));
}

describe('determinism (fast-check model)', () => {
  it('(a) gives the same state hash and the same trace for the same seed and commands', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const a = runAll(scenario);
        const b = runAll(scenario);
        expect(b.hash()).toBe(a.hash());
        expect(b.state.nextTraceId).toBe(a.state.nextTraceId);
        expect(a.trace).toHaveLength(a.state.nextTraceId); // nothing was dropped from the window
        expect(JSON.stringify(b.trace)).toBe(JSON.stringify(a.trace));
      }),
      FC_OPTIONS,
    );
  });

  it('(b) continues identically after snapshot -> JSON -> restoreSimulation at any cut point', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(cutArb(), ({ scenario, cut }) => {
        checkCutAndRestore(scenario, cut, (s) => JSON.parse(JSON.stringify(s)) as SimState);
      }),
      FC_OPTIONS,
    );
  });

  it('(c) continues identically after snapshot -> structuredClone -> restoreSimulation at any cut point', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(cutArb(), ({ scenario, cut }) => {
        checkCutAndRestore(scenario, cut, (s) => structuredClone(s));
      }),
      FC_OPTIONS,
    );
  });

  it('(d) keeps the log, consumer and snapshot invariants after every step', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    let sequences = 0;
    let events = 0;
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        sequences++;
        const checker = new InvariantChecker();
        const sim = newSim(scenario.options);
        checker.check(sim, true);
        scenario.ops.forEach((op, i) => {
          applyOp(sim, op, i, checker.hooks);
          checker.check(sim, true);
        });
        events += sim.stepCount;
      }),
      FC_OPTIONS,
    );
    if (DEEP_RUNS > 0) console.log(`model test (d): ${sequences.toLocaleString('en')} command sequences, ${events.toLocaleString('en')} engine events, invariants checked after every command`);
    expect(sequences).toBeGreaterThanOrEqual(FC_OPTIONS.numRuns);
  });

  it('differs between seeds: the seed reaches the state', () => {
    const scenario: Scenario = {
      options: { seed: 1 },
      ops: [
        { op: 'createTopic', name: 'orders', partitions: 6, replicationFactor: 1, logAppendTime: false },
        { op: 'createProducer', clientId: 'p1', acks: 'all', lingerMs: 5, batchSize: 100, idempotence: null, ignoreKeys: false },
        ...Array.from({ length: 20 }, (): Op => ({ op: 'send', producer: 'p1', topic: 'orders', key: null, partition: null })),
        { op: 'until', dtMs: 100 },
      ],
    };
    const hashes = new Set([1, 2, 3, 4, 5].map((seed) => runAll({ ...scenario, options: { seed } }).hash()));
    expect(hashes.size).toBe(5);
  });
});

describe('the invariant checker', () => {
  type Records = SimState['topics'][string]['partitions'][number]['log']['records'];
  const ops: Op[] = [
    { op: 'createTopic', name: 'orders', partitions: 1, replicationFactor: 1, logAppendTime: false },
    { op: 'createProducer', clientId: 'p1', acks: 'all', lingerMs: 0, batchSize: 16384, idempotence: null, ignoreKeys: false },
    { op: 'createConsumer', clientId: 'c1', groupId: 'g1', reset: 'earliest', autoCommit: false, autoCommitIntervalMs: 0, maxPollRecords: 10, fetchMaxWaitMs: 50 },
    { op: 'assign', consumer: 'c1', partitions: [{ topic: 'orders', partition: 0 }] },
    { op: 'send', producer: 'p1', topic: 'orders', key: 'alice', partition: null },
    { op: 'send', producer: 'p1', topic: 'orders', key: 'alice', partition: null },
    { op: 'send', producer: 'p1', topic: 'orders', key: 'alice', partition: null },
    { op: 'until', dtMs: 100 },
    { op: 'poll', consumer: 'c1' },
    { op: 'until', dtMs: 100 },
  ];
  const records = (s: SimState): Records => s.topics.orders!.partitions[0]!.log.records;

  it('passes the untouched run', () => {
    const checker = new InvariantChecker();
    const sim = runAll({ options: { seed: 1 }, ops }, checker.hooks);
    expect(records(sim.snapshot())).toHaveLength(3);
    expect(sim.state.consumers.c1!.assignment[0]!.position).toBe(3);
    expect(() => { checker.check(sim, true); }).not.toThrow();
  });

  it.each<[string, (s: SimState) => void, RegExp]>([
    ['a high watermark above the log end offset', (s) => { s.topics.orders!.partitions[0]!.log.highWatermark = 4; }, /HW 4, LEO 3/],
    ['a log start offset above the LSO', (s) => { s.topics.orders!.partitions[0]!.log.logStartOffset = 1; }, /logStartOffset 1, LSO 3/],
    ['a high watermark that went back', (s) => { Object.assign(s.topics.orders!.partitions[0]!.log, { highWatermark: 1, lastStableOffset: 1 }); }, /went back from 3 to 1/],
    ['offsets out of order', (s) => { records(s)[1]!.offset = 7; }, /offset 2 after 7/],
    ['records of one key out of send order', (s) => { [records(s)[0]!.value, records(s)[1]!.value] = [records(s)[1]!.value, records(s)[0]!.value]; }, /stored \[m5, m4, m6\] but was sent \[m4, m5, m6\]/],
    ['a skipped idempotent sequence number', (s) => { records(s)[2]!.sequence = 3; }, /sequence 3 at offset 2, expected 2/],
    ['a consumer position above the high watermark', (s) => { s.consumers.c1!.assignment[0]!.position = 4; }, /position 4 outside \[0, 3\]/],
    ['NaN in the state', (s) => { records(s)[0]!.timestamp = Number.NaN; }, /timestamp is NaN/],
    ['undefined in the state', (s) => { (s.consumers.c1 as unknown as Record<string, unknown>).loop = undefined; }, /loop is undefined/],
  ])('catches %s', (_label, corrupt, message) => {
    const checker = new InvariantChecker();
    const sim = runAll({ options: { seed: 1 }, ops }, checker.hooks);
    checker.check(sim, true);
    const snapshot = sim.snapshot();
    corrupt(snapshot);
    const broken = restoreSimulation(snapshot);
    expect(() => { checker.check(broken, false); }).toThrow(message);
  });
});

describe('pinned regressions', () => {
  // BUG (apps/trafficSource.ts addTrafficSource): `limit` is stored without validation. Infinity or
  // NaN become null in JSON, so a share link or JSON step-back of this run restores a source that
  // stops at once (`sentCount >= null`) while the original keeps sending: the runs diverge.
  it.each([Number.POSITIVE_INFINITY, Number.NaN])('keeps a traffic source with limit %s JSON-safe (or rejects it)', (limit) => {
    const sim = newSim({ seed: 3 });
    sim.createTopic({ name: 't', partitions: 1 });
    sim.createProducer({ clientId: 'p' });
    try {
      sim.addTrafficSource({ id: 's', producer: 'p', topic: 't', intervalMs: 10, keys: null, valuePrefix: 'v', limit });
    } catch (error) {
      expect(error).toBeInstanceOf(KafkaSimError);
      return;
    }
    sim.runUntilTime(25);
    const restored = restoreSimulation(JSON.parse(JSON.stringify(sim.snapshot())) as SimState);
    sim.runUntilTime(100);
    restored.runUntilTime(100);
    expect(restored.hash()).toBe(sim.hash());
    expect(() => { assertPlainData(sim.snapshot(), 'state'); }).not.toThrow();
  });
});
