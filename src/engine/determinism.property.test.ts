/**
 * Model-style property tests: random seeds and random command lists (plain data, so fast-check prints
 * a failing list as is), applied to the engine with invalid commands allowed. Checks determinism,
 * snapshot/restore equivalence and Kafka's log, consumer and share group invariants after every event.
 * The command model, its runner and the invariants live in ./invariants, shared with the pinned
 * regressions (./invariants/regressions.test.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { restoreCheckpoint, restoreSimulation, type Acks, type AutoOffsetReset, type Command, type SimState, type Simulation, type TraceEntry } from './index';
import { ModelInvariants } from './invariants';
import { applyOp, newSim, runAll, runAllHeadless, TRACE_LIMIT } from './invariants/model/applyOp';
import type { Op, Scenario, StorageConfigs, TxnAction } from './invariants/model/ops';
import { invariantHooks, runChecked } from './invariants/model/runChecked';
import { storageConfigs } from './invariants/model/toCommand';

// ---------------------------------------------------------------------------------------------------
// The command model
// ---------------------------------------------------------------------------------------------------

/** 'compacted' is always created with cleanup.policy=compact (others may be, or be altered to it). 'auto' is only ever auto-created
 * (or created later, then rejected as a duplicate). 'bad name' is illegal. '__proto__' is legal. */
const TOPICS = ['orders', 'payments', '__proto__', 'a.b_c-1', 'compacted', 'auto'] as const;
const SEND_TOPICS = [...TOPICS, 'bad name'] as const;
const PRODUCERS = ['p1', 'p2', 'constructor'] as const;
const CONSUMERS = ['c1', 'c2', 'toString'] as const;
const GROUPS = [null, 'g1', 'g2', '__proto__'] as const;
const KEYS = ['alice', 'bob', 'carol', 'dave', 'ü-key'] as const;
const SOURCES = ['s1', 's2'] as const;
/** Share consumers share the consumers' name space (the engine refuses a second client of a name): these differ from CONSUMERS. */
const SHARE_CONSUMERS = ['sc1', 'sc2', 'valueOf'] as const;
/**
 * Share groups share the consumer groups' name space too; these are none of GROUPS (the engine lets a
 * consumer group take a share group's id: see the note in shareOpArbs). 'hasOwnProperty' is a prototype name.
 */
const SHARE_GROUPS = ['sg1', 'sg2', 'sg1', 'sg2', 'hasOwnProperty'] as const;
const ACK_TYPES = ['ACCEPT', 'RELEASE', 'RELEASE', 'REJECT'] as const;

const topicName = fc.constantFrom(...TOPICS);
const keyArb = fc.option(fc.constantFrom(...KEYS), { nil: null, freq: 3 });
const partitionArb = fc.integer({ min: 0, max: 6 });

/** Storage configs for the generator: small sizes and times so segments roll, retention deletes and the
 * cleaner compacts within a run (null keeps Kafka's default). */
const storageArb: fc.Arbitrary<StorageConfigs> = fc.record({
  cleanupPolicy: fc.constantFrom(null, null, null, null, 'delete', 'compact', 'compact,delete'),
  segmentBytes: fc.constantFrom(null, 150, 400, 2000),
  segmentMs: fc.constantFrom(null, null, 100, 1000),
  retentionMs: fc.constantFrom(null, null, 300, 2000),
  retentionBytes: fc.constantFrom(null, null, 300, 1500),
  minCleanableDirtyRatio: fc.constantFrom(null, 0.01, 0.5),
  minCompactionLagMs: fc.constantFrom(null, null, 50, 500),
  deleteRetentionMs: fc.constantFrom(null, 0, 300),
  minInsyncReplicas: fc.constantFrom(null, null, 1, 2),
});

function createTopicArb(name: fc.Arbitrary<string>, partitions: fc.Arbitrary<number>, replicationFactor: fc.Arbitrary<number>) {
  return fc.record({ op: fc.constant('createTopic' as const), name, partitions, replicationFactor, logAppendTime: fc.boolean(), storage: storageArb });
}

const createProducerArb = fc.record({
  op: fc.constant('createProducer' as const),
  clientId: fc.constantFrom(...PRODUCERS),
  acks: fc.constantFrom<Acks>('all', '1', '0'),
  lingerMs: fc.constantFrom(0, 1, 5, 20),
  batchSize: fc.constantFrom(0, 100, 200, 16384),
  idempotence: fc.constantFrom(null, null, true, false),
  ignoreKeys: fc.boolean(),
  transactionalId: fc.constantFrom(null, null, 'tx-a', 'tx-b'),
  transactionTimeoutMs: fc.constantFrom(300, 2000, 60_000),
});

const createConsumerArb = (clientId: fc.Arbitrary<string>) =>
  fc.record({
    op: fc.constant('createConsumer' as const),
    clientId,
    groupId: fc.constantFrom(...GROUPS),
    reset: fc.constantFrom<AutoOffsetReset>('earliest', 'earliest', 'latest', 'none'),
    autoCommit: fc.boolean(),
    autoCommitIntervalMs: fc.constantFrom(0, 100, 1000),
    maxPollRecords: fc.integer({ min: 1, max: 10 }),
    fetchMaxWaitMs: fc.constantFrom(0, 50, 500),
    readCommitted: fc.boolean(),
  });

/** 1 to 5 records a poll, and mostly a wait at the broker (a loop with no wait and no latency never lets time pass). */
const createShareConsumerArb = (clientId: fc.Arbitrary<string>) =>
  fc.record({
    op: fc.constant('createShareConsumer' as const),
    clientId,
    groupId: fc.constantFrom(...SHARE_GROUPS),
    explicit: fc.boolean(),
    maxPollRecords: fc.integer({ min: 1, max: 5 }),
    fetchMaxWaitMs: fc.constantFrom(0, 50, 500, 500),
  });

/** 20 s a record is slower than the acquisition lock: the record comes back to the group while it is processed. */
const startShareLoopArb = (consumer: fc.Arbitrary<string>): fc.Arbitrary<Op> =>
  fc.tuple(consumer, fc.constantFrom(0, 1, 10, 50, 20_000)).map(([c, processingMsPerRecord]): Op => ({ op: 'admin', command: { type: 'startShareConsumerLoop', consumer: c, processingMsPerRecord } }));

const shareSubscribeArb = (consumer: fc.Arbitrary<string>, topics: fc.Arbitrary<string[]>): fc.Arbitrary<Op> =>
  fc.tuple(consumer, topics).map(([c, t]): Op => ({ op: 'admin', command: { type: 'shareSubscribe', consumer: c, topics: t } }));

/** Mostly where a new share group starts reading (earliest, so records sent before it are delivered too); sometimes a bad value. */
const alterShareGroupArb = (groupId: fc.Arbitrary<string>): fc.Arbitrary<Op> =>
  fc
    .tuple(groupId, fc.constantFrom('earliest', 'earliest', 'latest', 'none'))
    .map(([g, reset]): Op => ({ op: 'admin', command: { type: 'alterShareGroupConfigs', groupId: g, configs: { 'share.auto.offset.reset': reset as 'earliest' } } }));

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
  shareConsumers: string[];
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
  const shareConsumer = mostly(names.shareConsumers, SHARE_CONSUMERS);
  const topic = mostly(
    names.topics.map((t) => t.name),
    TOPICS,
  );
  return fc.oneof(
    {
      weight: 2,
      arbitrary: createTopicArb(topicName, fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 6 }) }, { weight: 1, arbitrary: fc.constant(0) }), fc.integer({ min: 1, max: 4 })),
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
        tombstone: fc.constantFrom(false, false, false, false, false, true),
      }),
    },
    // Now and then a share consumer's name, which the engine must refuse while the share consumer exists.
    { weight: 1, arbitrary: createConsumerArb(fc.constantFrom(...CONSUMERS, ...CONSUMERS, ...CONSUMERS, SHARE_CONSUMERS[0])) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('assign' as const), consumer, partitions: fc.array(topicPartitionArb(names), { maxLength: 4 }) }) },
    { weight: 4, arbitrary: fc.record({ op: fc.constant('poll' as const), consumer }) },
    {
      weight: 3,
      arbitrary: fc.record({
        op: fc.constant('commit' as const),
        consumer,
        offsets: fc.option(
          fc.array(
            fc.tuple(topicPartitionArb(names), fc.integer({ min: -1, max: 30 })).map(([tp, offset]) => ({ ...tp, offset })),
            { maxLength: 3 },
          ),
          { nil: null },
        ),
      }),
    },
    { weight: 2, arbitrary: startLoopArb(consumer) },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('traffic' as const),
        id: fc.constantFrom(...SOURCES),
        producer,
        topic,
        intervalMs: fc.integer({ min: 1, max: 200 }),
        keys: fc.option(fc.subarray([...KEYS], { minLength: 1 }), { nil: null }),
        limit: fc.integer({ min: -1, max: 8 }),
      }),
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
    {
      weight: 6,
      arbitrary: fc.record({
        op: fc.constant('txn' as const),
        producer,
        action: fc.constantFrom<TxnAction>('initTransactions', 'beginTransaction', 'beginTransaction', 'commitTransaction', 'commitTransaction', 'abortTransaction'),
      }),
    },
    { weight: 3, arbitrary: adminArb(names, consumer, producer, topic) },
    ...shareOpArbs(names, shareConsumer, topic),
    { weight: 6, arbitrary: fc.record({ op: fc.constant('steps' as const), n: fc.integer({ min: 1, max: 60 }) }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('until' as const), dtMs: fc.integer({ min: 1, max: 1500 }) }) },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('outage' as const),
        brokers: fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 4 }),
        dtMs: fc.oneof(fc.integer({ min: 1_000, max: 600_000 }), fc.constantFrom(30_000, 150_000, 600_000)),
      }),
    },
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

/**
 * Share consumers (KIP-932): created, subscribed, polled, looping, acknowledging, crashed, closed and
 * restarted. Busier when the set-up made some, with waits long enough for acquisition locks to run out
 * (15 s or more) and members' sessions to end (45 s).
 */
function shareOpArbs(names: Names, shareConsumer: fc.Arbitrary<string>, topic: fc.Arbitrary<string>): fc.WeightedArbitrary<Op>[] {
  const busy = names.shareConsumers.length > 0;
  // Mostly crashes (a crash drops the connection: the leaders release at once, the coordinator waits for the session timeout) and stalls.
  const lifecycle: fc.Arbitrary<Command> = fc.oneof(
    { weight: 3, arbitrary: shareConsumer.map((c): Command => ({ type: 'crashConsumer', consumer: c })) },
    { weight: 1, arbitrary: shareConsumer.map((c): Command => ({ type: 'closeConsumer', consumer: c })) },
    { weight: 2, arbitrary: shareConsumer.map((c): Command => ({ type: 'restartConsumer', consumer: c })) },
    // A stalled handler keeps heartbeating: what it holds comes back when the lock runs out, and its late acknowledgement is refused.
    { weight: 2, arbitrary: fc.tuple(shareConsumer, fc.boolean()).map(([c, paused]): Command => ({ type: 'setProcessingPaused', consumer: c, paused })) },
  );
  const ops: fc.WeightedArbitrary<Op>[] = [
    // Now and then a consumer's name, which the engine must refuse while the consumer exists.
    { weight: 1, arbitrary: createShareConsumerArb(fc.constantFrom(...SHARE_CONSUMERS, ...SHARE_CONSUMERS, CONSUMERS[0])) },
    { weight: 1, arbitrary: shareSubscribeArb(shareConsumer, fc.uniqueArray(topic, { minLength: 1, maxLength: 3 })) },
    { weight: busy ? 6 : 1, arbitrary: shareConsumer.map((c): Op => ({ op: 'admin', command: { type: 'sharePoll', consumer: c } })) },
    { weight: 1, arbitrary: startShareLoopArb(shareConsumer) },
    {
      weight: busy ? 6 : 1,
      arbitrary: fc.record({
        op: fc.constant('shareAck' as const),
        consumer: shareConsumer,
        pick: fc.nat(20),
        held: fc.constantFrom(true, true, true, true, true, false),
        type: fc.constantFrom(...ACK_TYPES),
      }),
    },
    // Share group ids only: a consumer group may take a share group's id (an engine gap, reported), so none is generated.
    { weight: 1, arbitrary: alterShareGroupArb(fc.constantFrom(...SHARE_GROUPS)) },
    { weight: busy ? 3 : 1, arbitrary: lifecycle.map((command): Op => ({ op: 'chaos', command })) },
  ];
  if (busy) {
    // A broker or two down for 15 to 60 s, or none (a wait): locks run out, records come back, sessions end.
    ops.push({
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('outage' as const),
        brokers: fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { maxLength: 2 }),
        dtMs: fc.integer({ min: 15_000, max: 60_000 }),
      }),
    });
  }
  return ops;
}

function adminArb(names: Names, consumer: fc.Arbitrary<string>, producer: fc.Arbitrary<string>, topic: fc.Arbitrary<string>): fc.Arbitrary<Op> {
  const tp = topicPartitionArb(names);
  const offsets = fc.array(
    fc.tuple(tp, fc.integer({ min: 0, max: 30 })).map(([t, offset]) => ({ ...t, offset })),
    { minLength: 1, maxLength: 3 },
  );
  const command: fc.Arbitrary<Command> = fc.oneof(
    fc.tuple(tp, fc.oneof(fc.constant(-1), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 30 }))).map(([t, beforeOffset]): Command => ({ type: 'deleteRecords', ...t, beforeOffset })),
    fc.tuple(topic, storageArb).map(([t, storage]): Command => ({ type: 'alterTopicConfigs', topic: t, configs: storageConfigs(storage) })),
    fc
      .tuple(
        consumer,
        fc.subarray(
          names.topics.map((t) => t.name),
          { minLength: 1 },
        ),
      )
      .map(([c, topics]): Command => ({ type: 'subscribe', consumer: c, topics })),
    fc.tuple(producer, fc.constantFrom(...GROUPS.filter((g) => g !== null)), offsets).map(([p, groupId, o]): Command => ({ type: 'sendOffsetsToTransaction', producer: p, groupId, offsets: o })),
    fc.option(tp, { nil: null }).map((t): Command => ({ type: 'electLeaders', ...(t ?? {}) })),
    producer.map((p): Command => ({ type: 'dropNextProduceResponse', producer: p })),
  );
  return command.map((c) => ({ op: 'admin' as const, command: c }));
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
    consumers: fc.uniqueArray(createConsumerArb(fc.constantFrom(...CONSUMERS)), { selector: (c) => c.clientId, maxLength: 3 }),
    // A third of the runs have no share consumer at first.
    shareConsumers: fc
      .option(fc.uniqueArray(createShareConsumerArb(fc.constantFrom(...SHARE_CONSUMERS)), { selector: (c) => c.clientId, minLength: 1, maxLength: 3 }), { nil: null, freq: 3 })
      .map((created) => created ?? []),
  })
  .chain(({ topics, producers, consumers, shareConsumers }) => {
    const names: Names = {
      topics: topics.map((t) => ({ name: t.name, partitions: t.partitions })),
      producers: producers.map((p) => p.clientId),
      consumers: consumers.map((c) => c.clientId),
      shareConsumers: shareConsumers.map((c) => c.clientId),
    };
    // Either every partition of one topic (so the consumer sees most of that topic's records) or a few random ones.
    const wholeTopic = fc.constantFrom(...names.topics).map((t) => Array.from({ length: t.partitions }, (_, partition) => ({ topic: t.name, partition })));
    const partitionsArb = fc.oneof(wholeTopic, fc.array(topicPartitionArb(names), { minLength: 1, maxLength: 4 }));
    // Either assigned partitions or (with a group.id) a subscription to one or more topics.
    const subscribeArb = fc.subarray(
      names.topics.map((t) => t.name),
      { minLength: 1 },
    );
    const perConsumer = consumers.map((c) =>
      fc
        .tuple(partitionsArb, c.groupId === null ? fc.constant(null) : fc.option(subscribeArb, { nil: null }), fc.option(startLoopArb(fc.constant(c.clientId)), { nil: null, freq: 2 }))
        .map(([partitions, subscription, loop]): Op[] => [
          c,
          subscription === null ? { op: 'assign', consumer: c.clientId, partitions } : { op: 'admin', command: { type: 'subscribe', consumer: c.clientId, topics: subscription } },
          ...(loop === null ? [] : [loop]),
        ]),
    );
    // A share consumer: mostly its group set to start at the earliest record (else at the high watermark), a subscription, sometimes a poll loop.
    const perShareConsumer = shareConsumers.map((c) =>
      fc
        .tuple(
          fc.option(fc.constant<Op>({ op: 'admin', command: { type: 'alterShareGroupConfigs', groupId: c.groupId, configs: { 'share.auto.offset.reset': 'earliest' } } }), { nil: null, freq: 3 }),
          fc.option(shareSubscribeArb(fc.constant(c.clientId), subscribeArb), { nil: null, freq: 6 }),
          fc.option(startShareLoopArb(fc.constant(c.clientId)), { nil: null, freq: 2 }),
        )
        .map(([alter, subscription, loop]): Op[] => [...(alter === null ? [] : [alter]), c, ...(subscription === null ? [] : [subscription]), ...(loop === null ? [] : [loop])]),
    );
    // Transactional producers start with initTransactions and beginTransaction.
    const producerOps = producers.flatMap((p): Op[] =>
      p.transactionalId === null
        ? [p]
        : [
            p,
            { op: 'txn', producer: p.clientId, action: 'initTransactions' },
            // InitProducerId goes to the transaction coordinator (creating __transaction_state first).
            { op: 'until', dtMs: 200 },
            { op: 'txn', producer: p.clientId, action: 'beginTransaction' },
          ],
    );
    return fc
      .tuple(fc.tuple(...perConsumer), fc.tuple(...perShareConsumer), fc.array(bodyOpArb(names), { minLength: 10, maxLength: 60, size: 'medium' }), fc.integer({ min: 100, max: 3000 }))
      .map(([consumerOps, shareConsumerOps, body, dtMs]): Op[] => [
        ...topics,
        ...producerOps,
        ...consumerOps.flat(),
        ...shareConsumerOps.flat(),
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
    brokerConfig: fc.record({
      'num.partitions': fc.integer({ min: 1, max: 3 }),
      'log.retention.check.interval.ms': fc.constantFrom(100, 500, 300_000),
      'log.cleaner.backoff.ms': fc.constantFrom(100, 1000, 15_000),
      // Kafka's lowest lock duration and delivery limits, so locks run out and poison records are archived within a run.
      'group.share.record.lock.duration.ms': fc.constantFrom(15_000, 30_000),
      'group.share.delivery.count.limit': fc.constantFrom(2, 3, 5),
    }),
  }),
  ops: opsArb,
});

// ---------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------

/** `npm run test:deep` sets DEEP_RUNS (10,000); `npm test` runs a small batch. */
const DEEP_RUNS = Number(process.env['DEEP_RUNS'] ?? 0);
// NO_SHRINK=1 reports the first failing sequence as it is (shrinking a long run can take many minutes).
/** DEEP_SEED picks another seed, so two halves of a deep run can use both cores (e.g. 0x5eedca4b). */
const SEED = process.env['DEEP_SEED'] === undefined ? 0x5eed_ca4a : Number(process.env['DEEP_SEED']);
const FC_OPTIONS = { seed: SEED, numRuns: DEEP_RUNS > 0 ? DEEP_RUNS : 100, endOnFailure: process.env['NO_SHRINK'] !== undefined } as const;
/**
 * Generous: these take a few seconds each on two cores, more while fast-check shrinks a failure. The
 * deep run takes an hour or more on 2 cores since outages joined the model (ten simulated minutes each).
 */
const PROPERTY_TIMEOUT_MS = DEEP_RUNS > 0 ? 3 * 3_600_000 : 120_000;

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
  scenario.ops.slice(0, cut).forEach((op, i) => {
    applyOp(first, op, i);
  });
  expect(first.hash()).toBe(hashAtCut);
  const restored = restoreSimulation(copy(first.snapshot()), { traceLimit: TRACE_LIMIT });
  expect(restored.hash()).toBe(hashAtCut);
  scenario.ops.slice(cut).forEach((op, i) => {
    applyOp(restored, op, cut + i);
  });

  expect(restored.hash()).toBe(straight.hash());
  expect(JSON.stringify(restored.trace)).toBe(JSON.stringify(straight.trace.filter((e) => e.id >= cutTraceId)));
}

/**
 * The engine behaviours a run is meant to reach, so the deep run can show it reached them: a trace entry
 * kind, or a test of an entry for the finer ones.
 */
const COVERAGE: Record<string, TraceEntry['kind'] | ((e: TraceEntry, sim: Simulation) => boolean)> = {
  'transactions committed': 'transactionCommitted',
  'transactions aborted': 'transactionAborted',
  'transactions timed out': (e) => e.kind === 'transactionStateChanged' && e.reason.startsWith('transaction.timeout.ms'),
  'producers fenced': 'producerFenced',
  'retention deletions': 'segmentsDeleted',
  DeleteRecords: 'recordsDeleted',
  'cleaner passes': 'logCleaned',
  'configs altered': 'topicConfigAltered',
  'partitions added': 'partitionsAdded',
  'leaders elected': 'leaderElected',
  'replicas truncated': 'replicaTruncated',
  'broker crashes': 'brokerCrashed',
  'consumer crashes': 'consumerCrashed',
  'group assignments': 'assignmentComputed',
  'read_committed deliveries': (e, sim) => e.kind === 'recordProcessed' && sim.state.consumers[e.consumer]?.config['isolation.level'] === 'read_committed',
  'offsets out of range': 'offsetOutOfRange',
  'outages of 150 s or more': (e, sim) => e.kind === 'brokerRestarted' && e.time - lastCrashBefore(sim, e.brokerId, e.id) >= 150_000,
  'batches expired (delivery.timeout.ms)': (e) => e.kind === 'produceFailed' && e.error.startsWith('TimeoutException'),
  'producer epochs bumped (KIP-360)': 'producerEpochBumped',
  'transactions with an abortable error': 'transactionAbortableError',
  'share records acquired': 'shareRecordsAcquired',
  'share acknowledgements refused (INVALID_RECORD_STATE)': 'shareAcknowledgementRejected',
  'share records released by lock timeout': (e) => e.kind === 'shareRecordsReleased' && e.reason === 'lock-timeout',
  'share records released by session close': (e) => e.kind === 'shareRecordsReleased' && e.reason === 'session-closed',
  'share records archived at the delivery limit': archivedAtDeliveryLimit,
  'share members removed by session timeout': (e) => e.kind === 'shareMemberRemoved' && e.reason === 'session-timeout',
};

/** The delivery count a record was last acquired with before trace entry `entryId` (0 if never). */
function lastDeliveryCount(sim: Simulation, where: { groupId: string; topic: string; partition: number }, offset: number, entryId: number): number {
  let count = 0;
  for (const e of sim.trace) {
    if (e.id >= entryId) break;
    if (e.kind !== 'shareRecordsAcquired' || e.groupId !== where.groupId || e.topic !== where.topic || e.partition !== where.partition) continue;
    const range = e.ranges.find((r) => r.firstOffset <= offset && offset <= r.lastOffset);
    if (range !== undefined) count = range.deliveryCount;
  }
  return count;
}

/** A record given back (released, timed out, its holder gone) on its last allowed delivery, and so archived. */
function archivedAtDeliveryLimit(e: TraceEntry, sim: Simulation): boolean {
  const limit = sim.state.brokerConfig['group.share.delivery.count.limit'];
  if (e.kind === 'shareRecordsAcknowledged') return e.offsets.some((o) => o.type === 'RELEASE' && lastDeliveryCount(sim, e, o.offset, e.id) >= limit);
  if (e.kind === 'shareRecordsReleased') return e.ranges.some((r) => r.state === 'ARCHIVED' && lastDeliveryCount(sim, e, r.firstOffset, e.id) >= limit);
  return false;
}

function lastCrashBefore(sim: Simulation, brokerId: number, entryId: number): number {
  let time = Number.POSITIVE_INFINITY;
  for (const e of sim.trace) {
    if (e.id >= entryId) break;
    if (e.kind === 'brokerCrashed' && e.brokerId === brokerId) time = e.time;
  }
  return time;
}

function tally(coverage: Map<string, [number, number]>, sim: Simulation): void {
  for (const [what, wanted] of Object.entries(COVERAGE)) {
    const n = sim.trace.filter((e) => (typeof wanted === 'string' ? e.kind === wanted : wanted(e, sim))).length;
    const [runs, total] = coverage.get(what) ?? [0, 0];
    coverage.set(what, [runs + (n > 0 ? 1 : 0), total + n]);
  }
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

  it('(a2) reaches the same state in a headless run, where the per-record trace entries are never built', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const traced = runAll(scenario);
        const headless = runAllHeadless(scenario);
        expect(headless.trace).toEqual([]);
        expect(headless.state.nextTraceId).toBe(traced.state.nextTraceId); // ids as if every entry were written
        expect(headless.hash()).toBe(traced.hash());
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

  it('(d) keeps the log, consumer, share group and snapshot invariants after every step', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    let sequences = 0;
    let events = 0;
    const coverage = new Map<string, [number, number]>();
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        sequences++;
        const sim = runChecked(scenario);
        events += sim.stepCount;
        tally(coverage, sim);
      }),
      FC_OPTIONS,
    );
    if (DEEP_RUNS > 0 || process.env['MODEL_COVERAGE'] !== undefined) {
      console.log(`model test (d): ${sequences.toLocaleString('en')} command sequences, ${events.toLocaleString('en')} engine events, invariants checked after every event`);
      console.log(
        `  what the sequences reached (sequences with at least one / total): ${[...coverage].map(([what, [runs, n]]) => `${what} ${runs.toLocaleString('en')} / ${n.toLocaleString('en')}`).join(', ')}`,
      );
    }
    expect(sequences).toBeGreaterThanOrEqual(FC_OPTIONS.numRuns);
  });

  it('(e) continues identically from a checkpoint (records shared) at any cut point, however the original runs on', { timeout: PROPERTY_TIMEOUT_MS }, () => {
    fc.assert(
      fc.property(cutArb(), ({ scenario, cut }) => {
        const straight = runAll(scenario);
        const original = newSim(scenario.options);
        scenario.ops.slice(0, cut).forEach((op, i) => {
          applyOp(original, op, i);
        });
        const hashAtCut = original.hash();
        const checkpoint = original.checkpoint();
        scenario.ops.slice(cut).forEach((op, i) => {
          applyOp(original, op, cut + i);
        });
        const restored = restoreCheckpoint(checkpoint, { traceLimit: TRACE_LIMIT });
        expect(restored.hash()).toBe(hashAtCut);
        scenario.ops.slice(cut).forEach((op, i) => {
          applyOp(restored, op, cut + i);
        });
        expect(restored.hash()).toBe(straight.hash());
        expect(restoreCheckpoint(checkpoint).hash()).toBe(hashAtCut); // the restored run left it alone too
      }),
      FC_OPTIONS,
    );
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
    const invariants = new ModelInvariants();
    const sim = runAll({ options: { seed: 1 }, ops }, invariantHooks(invariants));
    expect(records(sim.snapshot())).toHaveLength(3);
    expect(sim.state.consumers.c1!.assignment[0]!.position).toBe(3);
    expect(invariants.violations(sim, { withRoundTrip: true })).toEqual([]);
  });

  it.each<[string, (s: SimState) => void, RegExp]>([
    [
      'a high watermark above the log end offset',
      (s) => {
        s.topics.orders!.partitions[0]!.log.highWatermark = 4;
      },
      /HW 4, LEO 3/,
    ],
    [
      'a log start offset above the LSO',
      (s) => {
        s.topics.orders!.partitions[0]!.log.logStartOffset = 4;
      },
      /logStartOffset 4, LSO 3/,
    ],
    [
      'a hole in an uncompacted log',
      (s) => {
        records(s).splice(1, 1);
        records(s)[1]!.sequence = 1;
      },
      /2 records from offset 0/,
    ],
    [
      'an acknowledged record that changed',
      (s) => {
        records(s)[2]!.value = 'x99';
      },
      /acknowledged offset 2 held m6, now x99/,
    ],
    [
      'a marker outside a transaction',
      (s) => {
        records(s)[0]!.controlType = 'COMMIT';
      },
      /COMMIT marker at offset 0 without a transactional producer/,
    ],
    [
      'a high watermark that went back',
      (s) => {
        Object.assign(s.topics.orders!.partitions[0]!.log, { highWatermark: 1, lastStableOffset: 1 });
      },
      /went back from 3 to 1/,
    ],
    [
      'offsets out of order',
      (s) => {
        records(s)[1]!.offset = 7;
      },
      /offset 2 after 7/,
    ],
    [
      'records of one key out of send order',
      (s) => {
        [records(s)[0]!.value, records(s)[1]!.value] = [records(s)[1]!.value, records(s)[0]!.value];
      },
      /stored \[m5, m4, m6\] but was sent \[m4, m5, m6\]/,
    ],
    [
      'a skipped idempotent sequence number',
      (s) => {
        records(s)[2]!.sequence = 3;
      },
      /sequence 3 at offset 2, expected 2/,
    ],
    [
      'a consumer position above the high watermark',
      (s) => {
        s.consumers.c1!.assignment[0]!.position = 4;
      },
      /position 4 outside \[0, 3\]/,
    ],
    [
      'NaN in the state',
      (s) => {
        records(s)[0]!.timestamp = Number.NaN;
      },
      /timestamp is NaN/,
    ],
    [
      'undefined in the state',
      (s) => {
        (s.consumers.c1 as unknown as Record<string, unknown>).loop = undefined;
      },
      /loop is undefined/,
    ],
  ])('catches %s', (_label, corrupt, message) => {
    const invariants = new ModelInvariants();
    const sim = runAll({ options: { seed: 1 }, ops }, invariantHooks(invariants));
    invariants.assertHold(sim, { withRoundTrip: true });
    const snapshot = sim.snapshot();
    corrupt(snapshot);
    const broken = restoreSimulation(snapshot);
    expect(() => {
      invariants.assertHold(broken, { withRoundTrip: false });
    }).toThrow(message);
  });
});
