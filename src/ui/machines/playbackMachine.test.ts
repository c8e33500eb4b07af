import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { playbackMachine, SPEEDS, stepsPerTick } from './playbackMachine';

function actorCountingSteps(stepsAvailable = Infinity) {
  let steps = 0;
  const actor = createActor(
    playbackMachine.provide({
      actions: {
        takeStep: ({ self }, { count }) => {
          const taken = Math.min(count, stepsAvailable - steps);
          steps += taken;
          if (taken < count) self.send({ type: 'FINISHED' });
        },
      },
      delays: { tick: 1 },
    }),
  );
  actor.start();
  return { actor, steps: () => steps };
}

describe('playbackMachine', () => {
  it('starts paused and steps by hand only while paused', () => {
    const { actor, steps } = actorCountingSteps();
    expect(actor.getSnapshot().value).toBe('paused');
    actor.send({ type: 'STEP' });
    actor.send({ type: 'STEP' });
    expect(steps()).toBe(2);
  });

  it('takes a step at once on Play, keeps stepping on ticks, and stops on Pause', async () => {
    const { actor, steps } = actorCountingSteps();
    actor.send({ type: 'PLAY' });
    expect(actor.getSnapshot().value).toBe('playing');
    expect(steps()).toBe(1);
    await new Promise((r) => setTimeout(r, 30));
    expect(steps()).toBeGreaterThan(1);
    actor.send({ type: 'STEP' }); // ignored while playing
    actor.send({ type: 'PAUSE' });
    const after = steps();
    await new Promise((r) => setTimeout(r, 20));
    expect(steps()).toBe(after);
    expect(actor.getSnapshot().value).toBe('paused');
  });

  it('pauses by itself when nothing is left to happen', async () => {
    const { actor, steps } = actorCountingSteps(3);
    actor.send({ type: 'TOGGLE' });
    await new Promise((r) => setTimeout(r, 40));
    expect(steps()).toBe(3);
    expect(actor.getSnapshot().value).toBe('paused');
  });

  it('keeps the chosen speed, and its snapshot survives a JSON round trip', () => {
    const { actor } = actorCountingSteps();
    actor.send({ type: 'SET_SPEED', speed: 16 });
    expect(actor.getSnapshot().context.speed).toBe(16);
    const persisted = actor.getPersistedSnapshot();
    expect(JSON.parse(JSON.stringify(persisted))).toEqual(persisted);
  });

  it('keeps every speed honest: one step a tick while the page can draw each, then several a tick at the same rate', () => {
    for (const speed of SPEEDS) {
      const count = stepsPerTick(speed);
      const tickMs = (count * 1000) / speed;
      expect(count / (tickMs / 1000)).toBeCloseTo(speed, 9); // steps per second
      expect(count === 1 || tickMs >= 30).toBe(true);
      if (count > 1) expect(tickMs).toBeLessThan(60);
    }
    expect(stepsPerTick(1)).toBe(1);
    expect(stepsPerTick(32)).toBe(1);
    expect(stepsPerTick(64)).toBe(2);
  });

  it('takes the steps of a tick together while playing at 64x, and one by hand', async () => {
    let calls: number[] = [];
    const actor = createActor(
      playbackMachine.provide({
        actions: { takeStep: (_, { count }) => void calls.push(count) },
        delays: { tick: 1 },
      }),
    );
    actor.start();
    actor.send({ type: 'SET_SPEED', speed: 64 });
    actor.send({ type: 'STEP' });
    expect(calls).toEqual([1]);
    calls = [];
    actor.send({ type: 'PLAY' });
    await new Promise((r) => setTimeout(r, 20));
    actor.send({ type: 'PAUSE' });
    expect(calls[0]).toBe(1); // Play answers at once with one step
    expect(calls.slice(1).every((c) => c === 2)).toBe(true);
    expect(calls.length).toBeGreaterThan(1);
  });
});
