import { describe, expect, it } from 'vitest';
import { createActor } from 'xstate';
import { playbackMachine } from './playbackMachine';

function actorCountingSteps(stepsAvailable = Infinity) {
  let steps = 0;
  const actor = createActor(
    playbackMachine.provide({
      actions: {
        takeStep: ({ self }) => {
          if (steps >= stepsAvailable) {
            self.send({ type: 'FINISHED' });
            return;
          }
          steps++;
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
});
