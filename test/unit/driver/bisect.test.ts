import { describe, expect, it } from 'vitest';
import { isolate } from '../../../src/driver/bisect.js';

const range = (n: number): number[] => Array.from({ length: n }, (_, i) => i);

describe('isolate', () => {
  it('finds the one failing item of 200 in about 2 log2(200) tries, with its own result', async () => {
    let tries = 0;
    const r = await isolate(range(200), 'whole', async (xs) => (tries++, xs.includes(137) ? `crash ${xs.length}` : null));
    expect(r.culprits).toEqual([{ item: 137, result: 'crash 1' }]);
    expect(r.together).toEqual([]);
    expect(tries).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(200)));
  });

  it('finds every failing item', async () => {
    const bad = new Set([3, 4, 90]);
    const r = await isolate(range(100), 'x', async (xs) => (xs.some((x) => bad.has(x)) ? 'x' : null));
    expect(r.culprits.map((c) => c.item).sort((a, b) => a - b)).toEqual([3, 4, 90]);
  });

  it('reports items that fail only together as a group, not as passing', async () => {
    const r = await isolate(range(8), 'x', async (xs) => (xs.includes(1) && xs.includes(6) ? 'x' : null));
    expect(r.culprits).toEqual([]);
    expect(r.together).toEqual(range(8));
  });

  it('a single item is its own culprit without another try', async () => {
    let tries = 0;
    const r = await isolate([5], 'whole', async () => (tries++, 'x'));
    expect(r.culprits).toEqual([{ item: 5, result: 'whole' }]);
    expect(tries).toBe(0);
  });
});
