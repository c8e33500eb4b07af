/** A malformed pinned regression fails with a message naming the file and the field, not a confusing run. */
import { describe, expect, it } from 'vitest';
import { parseRegression } from './regressionSchema';

const valid = {
  name: 'a regression',
  why: 'Something broke once.',
  options: { seed: 1 },
  expect: { invariantsAfterEveryStep: true },
  ops: [{ op: 'until', dtMs: 10 }],
};

describe('pinned regression files', () => {
  it('accepts a well-formed file, and Infinity or NaN written as strings where JSON has no number for them', () => {
    expect(parseRegression('ok.json', valid).name).toBe('a regression');
    const traffic = { op: 'traffic', id: 's', producer: 'p', topic: 't', intervalMs: 10, keys: null, limit: 'Infinity' };
    expect(parseRegression('ok.json', { ...valid, ops: [traffic] }).ops[0]).toMatchObject({ limit: Number.POSITIVE_INFINITY });
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a misspelt field of an op', { ops: [{ op: 'until', dtMS: 10 }] }, /bad\.json[\s\S]*Unrecognized key: "dtMS"[\s\S]*ops\[0\]/],
    ['an unknown op', { ops: [{ op: 'sleep' }] }, /ops\[0\]\.op/],
    ['an engine command type the engine does not know (it would ignore it)', { ops: [{ op: 'admin', command: { type: 'crashBrokers' } }] }, /ops\[0\]\.command\.type/],
    ['an unknown broker config', { options: { seed: 1, brokerConfig: { 'num.partition': 2 } } }, /Unrecognized key: "num\.partition"[\s\S]*options\.brokerConfig/],
    ['a missing why', { why: undefined }, /why/],
    [
      'a round trip waiting on an op that does not exist',
      { expect: { invariantsAfterEveryStep: true, survivesJsonRoundTrip: { untilTimeMs: 100, unlessOpRejected: 5 } } },
      /unlessOpRejected is not the index of an op/,
    ],
  ])('rejects %s', (_label, change, message) => {
    expect(() => parseRegression('bad.json', { ...valid, ...change })).toThrow(message);
  });
});
