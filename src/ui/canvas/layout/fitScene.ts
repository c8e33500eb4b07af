/**
 * The viewport that shows a scene: fitted to the pane, but never below the zoom at which the cards'
 * text stays readable. A scene too big for that shows its start (top left; the top on a phone) and
 * the learner pans to the rest, rather than a whole scene of unreadable text.
 */
import type { Box, Orientation } from './placeColumns';

export interface Viewport {
  x: number;
  y: number;
  zoom: number;
}

/** Text on screen is at least 11px: the smallest text of each face, in px at zoom 1. */
export const MIN_READABLE_PX = 11;
export const COMPACT_FACE_MIN_FONT = 14;
export const FULL_FACE_MIN_FONT = 10;
/** The least zoom at which each face reads (11/14 and 11/10). */
export const COMPACT_READABLE_ZOOM = MIN_READABLE_PX / COMPACT_FACE_MIN_FONT;
export const FULL_READABLE_ZOOM = MIN_READABLE_PX / FULL_FACE_MIN_FONT;
/** Fitting never magnifies more than this: a small scene stays a calm size on a big screen. */
const MAX_FIT_ZOOM = 1.25;
const PADDING = 16;
/** The zoom buttons sit at the pane's left edge (top right on a phone, beside the stack): a fitted scene starts right of them. */
const CONTROLS_WIDTH = 40;

function controlsWidth(orientation: Orientation): number {
  return orientation === 'vertical' ? 0 : CONTROLS_WIDTH;
}

export interface Pane {
  width: number;
  height: number;
}

/** The part of the pane a fitted scene gets: inside the margins, beside the zoom buttons. */
export function fitRoom(pane: Pane, orientation: Orientation): Pane {
  return { width: Math.max(1, pane.width - 2 * PADDING - controlsWidth(orientation)), height: Math.max(1, pane.height - 2 * PADDING) };
}

/** The zoom that shows the whole scene, before any readability floor. */
export function wholeSceneZoom(bounds: Box, pane: Pane, orientation: Orientation): number {
  const room = fitRoom(pane, orientation);
  const byWidth = room.width / Math.max(1, bounds.width);
  const byHeight = room.height / Math.max(1, bounds.height);
  return Math.min(MAX_FIT_ZOOM, orientation === 'vertical' ? Math.min(1, byWidth) : Math.min(byWidth, byHeight));
}

export function fitScene(bounds: Box, pane: Pane, orientation: Orientation, readableZoom: number): Viewport {
  const zoom = Math.max(readableZoom, wholeSceneZoom(bounds, pane, orientation));
  const width = bounds.width * zoom;
  const height = bounds.height * zoom;
  // Centred where it fits; otherwise its start is on screen (records flow from the left, and from the top on a phone).
  const room = fitRoom(pane, orientation);
  const x = PADDING + controlsWidth(orientation) + (width <= room.width ? (room.width - width) / 2 : 0);
  const y = orientation === 'vertical' || height > room.height ? PADDING : (pane.height - height) / 2;
  return { x: x - bounds.x * zoom, y: y - bounds.y * zoom, zoom };
}
