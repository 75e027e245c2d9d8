// The one entry point the pipeline uses: signature number `index` of the run with `seed`.
// Function i is fast-check's run i of `signature()` for that seed, so a case is (seed, path = i).
import fc from 'fast-check';
import type { DataModel } from '../src/model/data-model.js';
import type { ScalarName } from '../src/model/types.js';
import type { Signature } from '../src/model/types.js';
import type { Limits } from './limits.js';
import { nameSignature, signature } from './signatures.js';

export { DEFAULT_LIMITS, validateLimits, type Limits } from './limits.js';
export { signature, nameSignature } from './signatures.js';

/** Signatures [start, start+count) of the stream for `seed`, named by their index. */
export function generateSignatures(dm: DataModel, lim: Limits, seed: number, start: number, count: number): Signature[] {
  let model = lim.float16 ? dm : withoutScalar(dm, '_Float16');
  for (const name of lim.exclude ?? []) model = withoutScalar(model, name as ScalarName);
  const arb = signature(model, lim);
  const raw = fc.sample(arb, { seed, path: String(start), numRuns: count });
  return raw.map((s, i) => nameSignature(s, start + i));
}

/** The same data model less one scalar, so generators never produce it. */
function withoutScalar(dm: DataModel, name: ScalarName): DataModel {
  const scalars = { ...dm.scalars };
  delete scalars[name];
  return { ...dm, scalars };
}
