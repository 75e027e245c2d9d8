// Shared assertions, in the style of fast-check's ArbitraryAssertions.
import { expect } from 'vitest';
import { DEFAULT_LIMITS, generateSignatures } from '../../generators/index.js';
import { emitBatch } from '../../src/emit/c-batch.js';
import { lp64x86 } from '../../src/model/data-model.js';

export const META = { seed: 0, target: 'x86_64-linux', caller: 'gcc', callee: 'gcc' };

export function batchSources(seed: number, start: number, count: number) {
  const sigs = generateSignatures(lp64x86, DEFAULT_LIMITS, seed, start, count);
  return emitBatch(sigs.map((sig, i) => ({ sig, index: start + i })), lp64x86, { ...META, seed }).files;
}

/** Same seed → byte-identical sources. */
export function expectSameSourcesForSameSeed(seed: number, count: number): void {
  expect(batchSources(seed, 0, count)).toEqual(batchSources(seed, 0, count));
}
