/**
 * Playback as a state machine: paused or playing. While playing, a tick fires every `intervalMs`
 * and takes one step; stepping by hand is only possible while paused. The step itself is an action
 * the app provides, so the machine stays free of the store and can be tested alone.
 */
import { assign, setup } from 'xstate';

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64] as const;
/** At 1x, one step a second: slow enough to read each line. */
const BASE_INTERVAL_MS = 1000;

export interface PlaybackContext {
  speed: number;
}

export type PlaybackEvent =
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'TOGGLE' }
  | { type: 'STEP' }
  | { type: 'FINISHED' }
  | { type: 'SET_SPEED'; speed: number };

export const playbackMachine = setup({
  types: { context: {} as PlaybackContext, events: {} as PlaybackEvent },
  actions: {
    // Provided by the app: takes one step and sends FINISHED when nothing is left to happen.
    takeStep: () => undefined,
  },
  delays: {
    tick: ({ context }) => BASE_INTERVAL_MS / context.speed,
  },
}).createMachine({
  id: 'playback',
  initial: 'paused',
  context: { speed: 1 },
  on: {
    SET_SPEED: { actions: assign({ speed: ({ event }) => event.speed }) },
  },
  states: {
    paused: {
      on: {
        // Playing starts with a step at once, so the button answers immediately.
        PLAY: { target: 'playing', actions: 'takeStep' },
        TOGGLE: { target: 'playing', actions: 'takeStep' },
        STEP: { actions: 'takeStep' },
      },
    },
    playing: {
      after: {
        tick: { target: 'playing', reenter: true, actions: 'takeStep' },
      },
      on: {
        PAUSE: 'paused',
        TOGGLE: 'paused',
        FINISHED: 'paused',
      },
    },
  },
});
