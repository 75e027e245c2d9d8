import { describe, expect, it } from 'vitest';
import { durationOption, splitFlags } from '../../../src/cli/options.js';

describe('splitFlags', () => {
  it('splits as a shell would, quotes and all', () => {
    expect(splitFlags("-O2 -DX='a b' -DY=\"c d\"")).toEqual(['-O2', '-DX=a b', '-DY=c d']);
    expect(splitFlags('')).toEqual([]);
    expect(splitFlags(undefined)).toEqual([]);
  });
  it('refuses shell operators instead of dropping them', () => {
    expect(() => splitFlags('-O2 | cat', '--caller-flags')).toThrow(/--caller-flags: .* shell operator/);
    expect(() => splitFlags('-O2 > x')).toThrow(/shell operator/);
  });
});

describe('durationOption', () => {
  const d = durationOption('--time');
  it('reads seconds and units', () => {
    expect(d('90')).toBe(90);
    expect(d('90s')).toBe(90);
    expect(d('5m')).toBe(300);
    expect(d('2h')).toBe(7200);
    expect(d('1h30m')).toBe(5400);
  });
  it('refuses what is not a duration', () => {
    for (const bad of ['', 'soon', '5x', '1h 30m', '0', '-5']) expect(() => d(bad), bad).toThrow(/--time must/);
  });
});
