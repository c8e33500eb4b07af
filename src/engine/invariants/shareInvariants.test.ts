/** The share group invariants catch what they are meant to: each case breaks one thing in a snapshot of a healthy run. */
import { describe, expect, it } from 'vitest';
import { restoreSimulation, type SimState } from '../index';
import { ModelInvariants } from './index';
import { runAll } from './model/applyOp';
import type { Op } from './model/ops';
import { invariantHooks } from './model/runChecked';

type SharePartition = SimState['shareGroups'][string]['sharePartitions'][string];

const ops: Op[] = [
  { op: 'createTopic', name: 'orders', partitions: 2, replicationFactor: 1, logAppendTime: false },
  { op: 'createProducer', clientId: 'p1', acks: 'all', lingerMs: 0, batchSize: 16384, idempotence: null, ignoreKeys: false },
  { op: 'admin', command: { type: 'alterShareGroupConfigs', groupId: 'sg1', configs: { 'share.auto.offset.reset': 'earliest' } } },
  ...[0, 1, 0, 1, 0, 1].map((partition): Op => ({ op: 'send', producer: 'p1', topic: 'orders', key: null, partition })),
  ...['sc1', 'sc2'].flatMap((clientId): Op[] => [
    { op: 'createShareConsumer', clientId, groupId: 'sg1', explicit: true, maxPollRecords: 5, fetchMaxWaitMs: 50 },
    { op: 'admin', command: { type: 'shareSubscribe', consumer: clientId, topics: ['orders'] } },
  ]),
  { op: 'until', dtMs: 200 },
  { op: 'admin', command: { type: 'sharePoll', consumer: 'sc1' } },
  { op: 'admin', command: { type: 'sharePoll', consumer: 'sc2' } },
  { op: 'until', dtMs: 200 },
  // sc1 accepts its first record: SPSO moves past it.
  { op: 'shareAck', consumer: 'sc1', pick: 0, held: true, type: 'ACCEPT' },
  { op: 'admin', command: { type: 'sharePoll', consumer: 'sc1' } },
  { op: 'until', dtMs: 200 },
];

function run() {
  const invariants = new ModelInvariants();
  const sim = runAll({ options: { seed: 1 }, ops }, invariantHooks(invariants));
  return { invariants, sim };
}

/** The share-partition that moved (SPSO 1), and the one still at 0. */
const moved = (s: SimState): SharePartition => Object.values(s.shareGroups.sg1!.sharePartitions).find((sp) => sp.startOffset > 0)!;
const other = (s: SimState): SharePartition => Object.values(s.shareGroups.sg1!.sharePartitions).find((sp) => sp.startOffset === 0)!;

describe('the share invariant checker', () => {
  it('passes the untouched run, which holds records in two share-partitions', () => {
    const { invariants, sim } = run();
    const s = sim.snapshot();
    expect(moved(s).startOffset).toBe(1);
    expect(other(s).batches[0]).toMatchObject({ state: 'ACQUIRED', firstOffset: 0, lastOffset: 2 });
    expect(s.shareGroups.sg1!.members).toHaveLength(2);
    expect(invariants.violations(sim, { withRoundTrip: true })).toEqual([]);
  });

  it.each<[string, (s: SimState) => void, RegExp]>([
    [
      'an SPSO that went back',
      (s) => {
        moved(s).startOffset = 0;
      },
      /SPSO went back from 1 to 0/,
    ],
    [
      'a record held by no member of the group',
      (s) => {
        other(s).batches[0]!.memberId = 'ghost';
      },
      /offset 0 ACQUIRED .*held by no current member/,
    ],
    [
      'an acquisition lock that ran out without releasing its record',
      (s) => {
        other(s).batches[0]!.lockExpiresAt = 1;
      },
      /the lock ran out before/,
    ],
    [
      'a record AVAILABLE again at the delivery count limit',
      (s) => {
        Object.assign(other(s).batches[0]!, { state: 'AVAILABLE', deliveryCount: 5, memberId: '', lockExpiresAt: -1 });
      },
      /AVAILABLE again at the delivery count limit 5/,
    ],
    [
      'overlapping in-flight batches',
      (s) => {
        const sp = other(s);
        sp.batches.push({ ...sp.batches[0]!, firstOffset: 2, lastOffset: 3 });
        sp.endOffset = 3;
      },
      /batch 2\.\.3 after 0\.\.2 \(sorted, not overlapping\)/,
    ],
    [
      'a share group Empty with members',
      (s) => {
        s.shareGroups.sg1!.state = 'Empty';
      },
      /state Empty with 2 members/,
    ],
    [
      'a group epoch that went back',
      (s) => {
        s.shareGroups.sg1!.groupEpoch = 1;
      },
      /group epoch went back from \d+ to 1/,
    ],
    [
      'a partition given to two members while they do not outnumber the partitions',
      (s) => {
        const [a, b] = s.shareGroups.sg1!.members;
        b!.assignment = a!.assignment.map((tp) => ({ ...tp }));
      },
      /orders-\d given to (2 members .* 1 each|0 members)/,
    ],
  ])('catches %s', (_label, corrupt, message) => {
    const { invariants, sim } = run();
    invariants.assertHold(sim, { withRoundTrip: true });
    const snapshot = sim.snapshot();
    corrupt(snapshot);
    const broken = restoreSimulation(snapshot);
    expect(() => {
      invariants.assertHold(broken, { withRoundTrip: false });
    }).toThrow(message);
  });
});
