/** Whether the canvas dims what the newest chapter is not about: the story panel holds the switch, the canvas reads it. */
import { create } from 'zustand';

interface FocusState {
  showEverything: boolean;
  setShowEverything: (shown: boolean) => void;
}

export const useFocusStore = create<FocusState>((set) => ({
  showEverything: false,
  setShowEverything: (shown) => set({ showEverything: shown }),
}));
