import type { Point } from '../layout/routeEdges';

/**
 * A point's transform and when the dot passes it: along the route's corners, each leg's share of the
 * time in proportion to its length, so the dot moves at one speed.
 */
export function travelKeyframes(points: readonly Point[]): Keyframe[] {
  const lengths = points.slice(1).map((p, i) => Math.hypot(p.x - points[i]!.x, p.y - points[i]!.y));
  const total = lengths.reduce((a, b) => a + b, 0);
  let travelled = 0;
  return points.map((p, i) => {
    if (i > 0) travelled += lengths[i - 1]!;
    return { transform: `translate(${p.x}px, ${p.y}px)`, offset: total === 0 ? i / Math.max(1, points.length - 1) : travelled / total };
  });
}
