import { describe, expect, it } from 'vitest';
import { entriesOf, ownership, startGroup } from '../../broker/group/testing';
import { expectCode } from '../../testing/expectCode';

describe('pausing a consumer application (its handler hangs)', () => {
  function pausedGroup() {
    const { sim } = startGroup({
      clients: ['fast', 'slow'],
      partitions: 2,
      config: { 'max.poll.interval.ms': 20_000, 'enable.auto.commit': false },
      commitMode: 'after-processing',
      processingMsPerRecord: 5,
    });
    sim.runUntilTime(3_000);
    sim.createProducer({ clientId: 'p' });
    sim.execute({ type: 'setProcessingPaused', consumer: 'slow', paused: true });
    sim.send({ producer: 'p', topic: 'checkout', key: null, value: 'v', partition: 1 });
    return sim;
  }

  it('stops polling, so the member leaves after max.poll.interval.ms while heartbeats went on', () => {
    const sim = pausedGroup();
    expect(entriesOf(sim, 'processingPaused')[0]).toMatchObject({ consumer: 'slow', maxPollIntervalMs: 20_000 });
    const { entry } = sim.runUntil((e) => e.kind === 'pollIntervalExceeded');
    expect(entry).toMatchObject({ consumer: 'slow' });
    // The session never ran out: the heartbeat thread kept the member alive until then.
    expect(entriesOf(sim, 'memberRemoved').filter((e) => e.reason === 'session-timeout')).toEqual([]);
    sim.runUntilTime(sim.time + 5_000);
    expect(ownership(sim, ['fast'])).toEqual({ fast: [0, 1] });
    expect(entriesOf(sim, 'recordProcessed').filter((e) => e.consumer === 'slow')).toEqual([]);
  });

  it('resuming finishes the hung record, the stale commit fails and the member rejoins', () => {
    const sim = pausedGroup();
    sim.runUntilTime(40_000);
    sim.execute({ type: 'setProcessingPaused', consumer: 'slow', paused: false });
    sim.runUntilTime(60_000);
    const slowProcessed = entriesOf(sim, 'recordProcessed').filter((e) => e.consumer === 'slow');
    expect(slowProcessed).toHaveLength(1);
    expect(entriesOf(sim, 'offsetCommitFailed')[0]).toMatchObject({ consumer: 'slow', error: 'UNKNOWN_MEMBER_ID' });
    expect(ownership(sim, ['fast', 'slow'])).toEqual({ fast: [0], slow: [1] });
  });

  it('a restart clears the pause, and a consumer without a poll loop cannot be paused', () => {
    const sim = pausedGroup();
    sim.crashConsumer('slow');
    sim.execute({ type: 'restartConsumer', consumer: 'slow' });
    expect(sim.state.consumers.slow!.loop).toMatchObject({ isPaused: false, isHung: false });
    sim.createConsumer({ clientId: 'bare' });
    expectCode(() => sim.execute({ type: 'setProcessingPaused', consumer: 'bare', paused: true }), 'SIM_ILLEGAL_STATE');
  });
});
