import { describe, expect, it } from 'vitest';
import { keyByStep } from './keyByStep';

describe('keyByStep', () => {
  it('keys by step and place within it, so dropping the oldest item keeps the other keys', () => {
    const items = [{ step: 3 }, { step: 4 }, { step: 4 }, { step: 4 }, { step: 5 }];
    const keys = keyByStep(items).map((k) => k.key);
    expect(keys).toEqual(['3-0', '4-0', '4-1', '4-2', '5-0']);
    expect(keyByStep(items.slice(1)).map((k) => k.key)).toEqual(keys.slice(1));
    expect(new Set(keys).size).toBe(keys.length);
  });
});
