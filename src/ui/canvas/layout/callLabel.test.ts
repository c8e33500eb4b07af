import { describe, expect, it } from 'vitest';
import { placeCallLabel } from './callLabel';
import type { Box } from './placeColumns';

const SIZE = { width: 90, height: 38 };
/** A route that leaves its caller to the right, goes down a gap at x = 300 and enters its callee's left side at y = 200. */
const DOWN_AND_IN = [
  { x: 200, y: 100 },
  { x: 300, y: 100 },
  { x: 300, y: 200 },
  { x: 400, y: 200 },
];

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

describe('placeCallLabel', () => {
  it('puts the words beside the arrowhead, under the last run when the route comes down to it', () => {
    const label = placeCallLabel(DOWN_AND_IN, SIZE, []);
    expect(label.anchor).toBe('end');
    expect(label.box.x + label.box.width).toBeLessThan(400);
    expect(label.box.y).toBeGreaterThan(200);
  });

  it('goes above the last run when a card is under it, and to the middle when both sides are taken', () => {
    const below: Box = { x: 250, y: 215, width: 100, height: 80 };
    const above = placeCallLabel(DOWN_AND_IN, SIZE, [below]);
    expect(above.box.y + above.box.height).toBeLessThan(200);
    expect(overlaps(above.box, below)).toBe(false);
    const middle = placeCallLabel(DOWN_AND_IN, SIZE, [below, { x: 250, y: 120, width: 100, height: 70 }]);
    expect(middle.anchor).toBe('middle');
  });

  it('calls that leave one caller for two callees get two separate places', () => {
    const toUpper = placeCallLabel(DOWN_AND_IN, SIZE, []);
    const toLower = placeCallLabel(
      [
        { x: 200, y: 100 },
        { x: 300, y: 100 },
        { x: 300, y: 320 },
        { x: 400, y: 320 },
      ],
      SIZE,
      [],
    );
    expect(overlaps(toUpper.box, toLower.box)).toBe(false);
  });

  it('a callee to the left (a phone’s single stack enters cards from the right) reads from the arrowhead rightwards', () => {
    const label = placeCallLabel(
      [
        { x: 300, y: 100 },
        { x: 330, y: 100 },
        { x: 330, y: 300 },
        { x: 300, y: 300 },
      ],
      SIZE,
      [],
    );
    expect(label.anchor).toBe('start');
    expect(label.box.x).toBeGreaterThan(300);
  });
});
