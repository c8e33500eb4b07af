import type { SimulationStore } from '../store/simulationStore';

/** From this speed on, while playing, the canvas drops its per-record animations (canvas.css). */
const RUSHING_SPEED = 16;

/**
 * Playing at 16x and faster: several records land per frame, too fast to follow one by one, and their
 * animations (landing cells, travelling dots, glowing cards) cost most of each frame's paint.
 */
export const isRushing = (s: SimulationStore): boolean => s.isPlaying && s.speed >= RUSHING_SPEED;
