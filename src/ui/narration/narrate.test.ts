import { describe, expect, it } from 'vitest';
import { createSimulation, partitionForKey, type TraceEntry, type TraceLevel } from '../../engine';
import { narrateEntry, narrateStep } from './narrate';

const MESSAGE_AND_CONTROL = new Set<TraceLevel>(['message', 'control']);

function runDemo(): TraceEntry[] {
  const sim = createSimulation({ seed: 1, traceLimit: 100_000 });
  sim.createTopic({ name: 'orders', partitions: 3 });
  sim.createProducer({ clientId: 'shop' });
  sim.createConsumer({ clientId: 'reader', config: { 'group.id': 'g', 'auto.offset.reset': 'earliest', 'enable.auto.commit': false } });
  sim.assign('reader', [0, 1, 2].map((partition) => ({ topic: 'orders', partition })));
  for (const key of ['alice', 'bob', 'alice']) sim.send({ producer: 'shop', topic: 'orders', key, value: 'x' });
  sim.runUntilIdle();
  sim.poll('reader');
  sim.runUntilIdle(10);
  sim.commit('reader');
  sim.runUntilIdle(10);
  return [...sim.trace];
}

describe('narration', () => {
  const entries = runDemo();

  it('has a sentence for every entry the engine wrote', () => {
    for (const e of entries) expect(narrateEntry(e).length).toBeGreaterThan(10);
  });

  it('says where murmur2 put a keyed record, matching the partitioner', () => {
    const appended = entries.find((e) => e.kind === 'recordAppended' && e.key === 'alice')!;
    const text = narrateStep([appended], MESSAGE_AND_CONTROL)!;
    expect(text).toContain(`murmur2("alice") picked partition ${partitionForKey('alice', 3)}`);
    expect(text).toContain('at offset 0');
  });

  it('tells a multi-partition commit as one line that explains the next-offset rule', () => {
    const commits = entries.filter((e) => e.kind === 'offsetCommitted');
    expect(commits.length).toBeGreaterThan(1);
    const text = narrateStep(commits, MESSAGE_AND_CONTROL)!;
    expect(text.match(/committed offsets/g)).toHaveLength(1);
    expect(text).toContain('next record to read');
  });

  it('hides internal entries unless asked for', () => {
    const internal = entries.filter((e) => e.level === 'internal');
    expect(internal.length).toBeGreaterThan(0);
    expect(narrateStep(internal, MESSAGE_AND_CONTROL)).toBeNull();
    expect(narrateStep(internal, new Set<TraceLevel>(['internal']))).not.toBeNull();
  });
});
