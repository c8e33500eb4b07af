import { describe, expect, it } from 'vitest';
import { COMPACT_READABLE_ZOOM, fitScene, wholeSceneZoom } from './fitScene';

const pane = { width: 940, height: 560 };

describe('fitScene', () => {
  it('centres a scene that fits, right of the zoom buttons', () => {
    const v = fitScene({ x: 0, y: 0, width: 600, height: 300 }, pane, 'horizontal', COMPACT_READABLE_ZOOM);
    expect(v.zoom).toBeCloseTo(Math.min(868 / 600, 528 / 300, 1.25));
    expect(v.x).toBeCloseTo(56 + (868 - 600 * v.zoom) / 2);
    expect(v.y).toBeCloseTo((560 - 300 * v.zoom) / 2);
  });

  it('never zooms below the readable zoom: a big scene shows its top left instead', () => {
    const bounds = { x: 0, y: 0, width: 3000, height: 2000 };
    expect(wholeSceneZoom(bounds, pane, 'horizontal')).toBeLessThan(COMPACT_READABLE_ZOOM);
    expect(fitScene(bounds, pane, 'horizontal', COMPACT_READABLE_ZOOM)).toEqual({ x: 56, y: 16, zoom: COMPACT_READABLE_ZOOM });
  });

  it('on a phone fits the width (at most 1:1) and starts at the top', () => {
    const v = fitScene({ x: 0, y: 0, width: 300, height: 4000 }, { width: 390, height: 500 }, 'vertical', COMPACT_READABLE_ZOOM);
    expect(v.zoom).toBe(1);
    expect(v.y).toBe(16);
    expect(v.x).toBeCloseTo(16 + (390 - 32 - 300) / 2);
  });
});
