/**
 * The view slice: what the learner looks at, not what the simulation does (selection for the
 * Inspector, whether internal steps are shown, the help dialog). It never calls the engine.
 */
import type { StateCreator } from 'zustand';
import { sameSelection, type Selection } from './selection';
import type { SimulationStore } from './simulationStore';

export interface ViewSlice {
  /** What the Inspector shows. */
  selection: Selection | null;
  /** Selects an actor or record for the Inspector (null clears it). */
  select: (selection: Selection | null) => void;
  /** Steps also stop at `internal` trace entries (heartbeats, fetches, batches). */
  showInternal: boolean;
  setShowInternal: (show: boolean) => void;
  /** The help dialog (keyboard shortcuts). */
  isHelpOpen: boolean;
  setHelpOpen: (isOpen: boolean) => void;
  /** Playback speed (steps a second at 1x = 1); the controls' machine follows it, links and saved runs keep it. */
  speed: number;
  setSpeed: (speed: number) => void;
  /** Whether the controls' machine is playing (mirrored here for the canvas, which calms down at top speeds). */
  isPlaying: boolean;
  setPlaying: (isPlaying: boolean) => void;
}

export const createViewSlice: StateCreator<SimulationStore, [], [], ViewSlice> = (set, get) => ({
  selection: null,
  select(selection) {
    if (!sameSelection(selection, get().selection)) set({ selection });
  },
  showInternal: false,
  setShowInternal(show) {
    set({ showInternal: show });
  },
  isHelpOpen: false,
  setHelpOpen(isOpen) {
    set({ isHelpOpen: isOpen });
  },
  speed: 1,
  setSpeed(speed) {
    set({ speed });
  },
  isPlaying: false,
  setPlaying(isPlaying) {
    set({ isPlaying });
  },
});
