import { describe, expect, it } from 'vitest';
import { travelKeyframes } from './travelKeyframes';

describe('travelKeyframes', () => {
  it('passes each corner at the share of the route travelled so far', () => {
    const frames = travelKeyframes([
      { x: 0, y: 0 },
      { x: 30, y: 0 },
      { x: 30, y: 10 },
    ]);
    expect(frames.map((f) => f.offset)).toEqual([0, 0.75, 1]);
    expect(frames.map((f) => f.transform)).toEqual(['translate(0px, 0px)', 'translate(30px, 0px)', 'translate(30px, 10px)']);
  });

  it('spreads a route of no length evenly instead of dividing by zero', () => {
    expect(
      travelKeyframes([
        { x: 5, y: 5 },
        { x: 5, y: 5 },
      ]).map((f) => f.offset),
    ).toEqual([0, 1]);
  });
});
