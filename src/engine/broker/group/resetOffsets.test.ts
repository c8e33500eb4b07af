import { describe, expect, it } from 'vitest';
import { expectCode } from '../../testing/expectCode';
import { committedOffset } from '../../views';
import { entriesOf, startGroup } from './testing';

describe('kafka-consumer-groups --reset-offsets', () => {
  function run() {
    const { sim } = startGroup({ clients: ['a'], partitions: 2, commitMode: 'after-processing', config: { 'enable.auto.commit': false } });
    sim.createProducer({ clientId: 'p' });
    for (let i = 0; i < 10; i++) {
      sim.schedule(i * 100, { type: 'send', producer: 'p', topic: 'checkout', key: null, value: `v${i}`, partition: 0 });
    }
    sim.runUntilTime(5_000);
    return sim;
  }

  it('is refused while the group has members, as the tool requires', () => {
    const sim = run();
    expectCode(() => sim.resetGroupOffsets({ groupId: 'waitroom', topic: 'checkout', spec: { type: 'to-earliest' } }), 'NON_EMPTY_GROUP');
  });

  it('moves committed offsets of an Empty group, clamped to [log start, high watermark]; the next member starts there', () => {
    const sim = run();
    expect(committedOffset(sim.state, 'waitroom', 'checkout', 0)).toBe(10);
    sim.closeConsumer('a');
    sim.runUntilTime(6_000);
    sim.resetGroupOffsets({ groupId: 'waitroom', topic: 'checkout', partitions: [0], spec: { type: 'shift-by', shift: -3 } });
    expect(committedOffset(sim.state, 'waitroom', 'checkout', 0)).toBe(7);
    sim.resetGroupOffsets({ groupId: 'waitroom', topic: 'checkout', partitions: [0], spec: { type: 'to-offset', offset: 99 } });
    expect(committedOffset(sim.state, 'waitroom', 'checkout', 0)).toBe(10);
    // Records were sent every 100 ms from t = 0; the first with timestamp >= 450 is offset 5.
    sim.resetGroupOffsets({ groupId: 'waitroom', topic: 'checkout', spec: { type: 'to-datetime', timestamp: 450 } });
    expect(committedOffset(sim.state, 'waitroom', 'checkout', 0)).toBe(5);
    expect(committedOffset(sim.state, 'waitroom', 'checkout', 1)).toBe(0);
    const reset = entriesOf(sim, 'groupOffsetsReset');
    expect(reset.map((e) => e.strategy)).toEqual(['--shift-by -3', '--to-offset 99', '--to-datetime 450ms']);

    sim.restartConsumer('a');
    sim.runUntilTime(12_000);
    const replayed = entriesOf(sim, 'recordProcessed')
      .filter((e) => e.time > 6_000 && e.partition === 0)
      .map((e) => e.offset);
    expect(replayed).toEqual([5, 6, 7, 8, 9]);
  });
});
