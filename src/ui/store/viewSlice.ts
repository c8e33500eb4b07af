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
  /** Playback as the controls' machine has it (mirrored here for the canvas, which calms down at top speeds). */
  playback: { isPlaying: boolean; speed: number };
  setPlayback: (playback: { isPlaying: boolean; speed: number }) => void;
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
  playback: { isPlaying: false, speed: 1 },
  setPlayback(playback) {
    const now = get().playback;
    if (now.isPlaying !== playback.isPlaying || now.speed !== playback.speed) set({ playback });
  },
});
