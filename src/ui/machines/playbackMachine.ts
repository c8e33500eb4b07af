/**
 * Playback as a state machine: paused or playing. While playing, a tick fires every `intervalMs`
 * and takes one step, or more at the top speeds; stepping by hand is only possible while paused. The
 * step itself is an action the app provides, so the machine stays free of the store and can be tested alone.
 */
import { assign, setup } from 'xstate';

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16, 32, 64] as const;
/** At 1x, one step a second: slow enough to read each line. */
const BASE_INTERVAL_MS = 1000;

/** The page draws at most this often while playing: a draw of the canvas takes most of a frame. */
const MIN_TICK_MS = 30;

/**
 * Steps per tick: one, until a step a tick would come more often than the page can draw; then the fewest
 * that keep ticks MIN_TICK_MS apart, taken together and drawn once (64x: two steps every 31.25 ms,
 * so still 64 a second, where one step every 15.6 ms reached about 40 a second on a 2-core machine).
 */
export function stepsPerTick(speed: number): number {
  return Math.max(1, Math.ceil((speed * MIN_TICK_MS) / BASE_INTERVAL_MS));
}

export interface PlaybackContext {
  speed: number;
}

export type PlaybackEvent = { type: 'PLAY' } | { type: 'PAUSE' } | { type: 'TOGGLE' } | { type: 'STEP' } | { type: 'FINISHED' } | { type: 'SET_SPEED'; speed: number };

export const playbackMachine = setup({
  types: { context: {} as PlaybackContext, events: {} as PlaybackEvent },
  actions: {
    // Provided by the app: takes `count` steps and sends FINISHED when nothing is left to happen.
    // The parameters are declared here for their type only (xstate's way to type an action's params).
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    takeStep: (_, params: { count: number }) => undefined,
  },
  delays: {
    tick: ({ context }) => (stepsPerTick(context.speed) * BASE_INTERVAL_MS) / context.speed,
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
        PLAY: { target: 'playing', actions: { type: 'takeStep', params: { count: 1 } } },
        TOGGLE: { target: 'playing', actions: { type: 'takeStep', params: { count: 1 } } },
        STEP: { actions: { type: 'takeStep', params: { count: 1 } } },
      },
    },
    playing: {
      after: {
        tick: { target: 'playing', reenter: true, actions: { type: 'takeStep', params: ({ context }) => ({ count: stepsPerTick(context.speed) }) } },
      },
      on: {
        PAUSE: 'paused',
        TOGGLE: 'paused',
        FINISHED: 'paused',
      },
    },
  },
});
