import fc from 'fast-check';
import lz from 'lz-string';
import { describe, expect, it } from 'vitest';
import type { Command } from '../../engine';
import { foodOrdering } from '../../scenarios/foodOrdering/foodOrdering';
import { decodeRun, encodeRun, MAX_LINK_LENGTH, parseFragment, runFragment, type SharedRun } from './runLink';

const base: SharedRun = {
  scenarioId: 'food-ordering',
  scenarioVersion: foodOrdering.version,
  seed: 11,
  engineStep: 500,
  actions: [
    { atEngineStep: 300, command: { type: 'crashConsumer', consumer: 'notification-2' } },
    { atEngineStep: 500, command: { type: 'send', producer: 'order-service', topic: 'orders', key: 'o-900', value: 'hello', headers: [{ key: 'retryCount', value: '1' }] } },
  ],
  selection: { kind: 'record', topic: 'orders', partition: 1, offset: 2 },
  showInternal: false,
  speed: 16,
};

function payload(obj: unknown): string {
  return lz.compressToEncodedURIComponent(JSON.stringify(obj));
}

describe('share links', () => {
  it('round-trips a run exactly', () => {
    const decoded = decodeRun(encodeRun(base));
    expect(decoded).toEqual({ ok: true, run: base });
  });

  it('keeps the fragment intact through parseFragment, "+" included', () => {
    const fragment = `#${runFragment(base, { embed: true })}`;
    const { encoded, embed } = parseFragment(fragment);
    expect(embed).toBe(true);
    expect(decodeRun(encoded!)).toEqual({ ok: true, run: base });
  });

  it('fits a 50-action experiment in 1,000 characters', () => {
    const actions = Array.from({ length: 50 }, (_, i): { atEngineStep: number; command: Command } => ({
      atEngineStep: i * 73,
      command: i % 2 === 0 ? { type: 'crashConsumer', consumer: `notification-${1 + (i % 2)}` } : { type: 'restartConsumer', consumer: 'notification-1' },
    }));
    const link = runFragment({ ...base, engineStep: 4_000, actions });
    expect(link.length).toBeLessThanOrEqual(1_000);
    expect(MAX_LINK_LENGTH).toBe(2_000);
  });

  it.each([
    ['an empty run', '', /no run/],
    ['a truncated payload', encodeRun(base).slice(0, 25), /truncated or damaged|damaged/],
    ['a future format version', payload({ v: 3, sc: 'food-ordering' }), /format version 3; this site reads version 2/],
    [
      'a link of format 1 (UI steps)',
      payload({ v: 1, sc: 'food-ordering', sv: foodOrdering.version, seed: 1, st: 5, s: [], c: [] }),
      /earlier version of Kafka Sim, which counted steps differently, so it could open a different run of "Food ordering"/,
    ],
    ['an unknown scenario', payload({ v: 2, sc: 'no-such', sv: 1, seed: 1, st: 0, s: [], c: [] }), /scenario "no-such" that this site does not have/],
    [
      'an old scenario version',
      payload({ v: 2, sc: 'food-ordering', sv: 0, seed: 1, st: 0, s: [], c: [] }),
      /made with an earlier version of "Food ordering" \(version 0; this site has version \d+\), so the run may differ/,
    ],
    ['an unknown command', payload({ v: 2, sc: 'food-ordering', sv: foodOrdering.version, seed: 1, st: 5, s: [1], c: [['formatDisk', {}]] }), /^The link is damaged: action 1 is not valid\.$/],
    [
      'an action after the step',
      payload({ v: 2, sc: 'food-ordering', sv: foodOrdering.version, seed: 1, st: 5, s: [9], c: [['crashBroker', { brokerId: 1 }]] }),
      /action 1 is at engine step 9, after the one it opens at \(5\)/,
    ],
    [
      'steps and actions that do not match',
      payload({ v: 2, sc: 'food-ordering', sv: foodOrdering.version, seed: 1, st: 5, s: [1, 1], c: [['crashBroker', { brokerId: 1 }]] }),
      /1 actions but 2 action steps/,
    ],
    ['a speed the controls do not offer', payload({ v: 2, sc: 'food-ordering', sv: foodOrdering.version, seed: 1, st: 0, s: [], c: [], sp: 3 }), /the speed/],
    ['a negative step', payload({ v: 2, sc: 'food-ordering', sv: foodOrdering.version, seed: 1, st: -3, s: [], c: [] }), /^The link is damaged: the moment it opens at is not valid\.$/],
    ['an extra field', payload({ v: 2, sc: 'food-ordering', sv: foodOrdering.version, seed: 1, st: 0, s: [], c: [], evil: '<img src=x onerror=alert(1)>' }), /damaged/],
    ['a root that is not an object', payload([1, 2]), /^The link is damaged: what it holds is not valid\.$|format version/],
  ])('refuses %s with a clear message', (_what, encoded, message) => {
    const result = decodeRun(encoded);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });

  it('a link made with another version of its scenario can still be opened anyway, as this version', () => {
    const result = decodeRun(encodeRun({ ...base, scenarioVersion: 1 }));
    expect(result).toMatchObject({ ok: false, scenarioId: 'food-ordering', anyway: { ...base, scenarioVersion: foodOrdering.version } });
  });

  it('tells a fragment that is not a run apart from no fragment at all', () => {
    expect(parseFragment('')).toEqual({ encoded: null, embed: false, other: null });
    expect(parseFragment('#embed=1')).toEqual({ encoded: null, embed: true, other: null });
    expect(parseFragment('#RUN=abc')).toEqual({ encoded: null, embed: false, other: 'RUN=abc' });
    expect(parseFragment('#embed=1&run=x+y')).toEqual({ encoded: 'x+y', embed: true, other: null });
  });

  it('offers the scenario start when the scenario is known', () => {
    const result = decodeRun(payload({ v: 2, sc: 'waitroom', sv: 2, seed: 1, st: 2, s: [3], c: [['crashBroker', { brokerId: 1 }]] }));
    expect(result).toMatchObject({ ok: false, scenarioId: 'waitroom' });
    // A format-1 link too: its run may differ, its scenario's start is still offered.
    expect(decodeRun(payload({ v: 1, sc: 'waitroom', sv: 2, seed: 1, st: 2, s: [], c: [] }))).toMatchObject({ ok: false, scenarioId: 'waitroom' });
  });

  it('fuzz: 1,000+ random, truncated, bit-flipped and hostile links never throw, each a clear message or a valid run', () => {
    const valid = encodeRun(base);
    const hostile = fc.constantFrom('<img src=x onerror=alert(1)>', '"><script>alert(1)</script>', '__proto__', 'constructor', '\u0000', '𝔘𝔫𝔦𝔠𝔬𝔡𝔢', ''.padEnd(5000, 'A'));
    const mutated = fc.tuple(fc.nat(valid.length), fc.nat(63), fc.boolean()).map(([at, flip, cut]) => {
      if (cut) return valid.slice(0, at);
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
      return `${valid.slice(0, at)}${alphabet.charAt(flip)}${valid.slice(at + 1)}`;
    });
    const structured = fc
      .record(
        {
          v: fc.oneof(fc.constant(2), fc.constant(1), fc.anything()),
          sc: fc.oneof(fc.constantFrom('food-ordering', 'waitroom'), hostile, fc.string()),
          sv: fc.oneof(fc.constant(1), fc.integer()),
          seed: fc.integer(),
          st: fc.integer({ min: -5, max: 2_000_000 }),
          s: fc.array(fc.integer({ min: -1, max: 100 }), { maxLength: 5 }),
          c: fc.array(fc.oneof(fc.tuple(fc.constantFrom('crashConsumer', 'send', 'nope'), fc.oneof(fc.object(), fc.anything())), fc.anything()), { maxLength: 5 }),
          sel: fc.oneof(fc.constant(null), fc.anything()),
        },
        { requiredKeys: [] },
      )
      .map((obj) => payload(obj));
    let decoded = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          mutated,
          structured,
          fc.string(),
          hostile.map((h) => payload(h)),
        ),
        (encoded) => {
          const result = decodeRun(encoded);
          decoded++;
          if (result.ok) expect(result.run.scenarioId).toMatch(/^(food-ordering|waitroom)$/);
          else expect(result.message.length).toBeGreaterThan(10);
        },
      ),
      { numRuns: 1_200, seed: 20261124 },
    );
    expect(decoded).toBeGreaterThanOrEqual(1_000);
  });
});
