// The one entry point the pipeline uses: signature number `index` of the run with `seed`.
// Function i is fast-check's run i of `signature()` for that seed, so a case is (seed, path = i).
import fc from 'fast-check';
import type { DataModel } from '../src/model/data-model.js';
import type { ScalarName } from '../src/model/types.js';
import type { Signature } from '../src/model/types.js';
import type { Limits } from './limits.js';
import { nameSignature, signature } from './signatures.js';

export { BITINT_MAX, DEFAULT_LIMITS, TYPE_KINDS, WEIGHT_NAMES, validateLimits, withWeights, withoutTypes, type Limits } from './limits.js';
export { availableScalars } from './scalars.js';
export { signature, nameSignature } from './signatures.js';

/** Signatures [start, start+count) of the stream for `seed`, named by their index. */
export function generateSignatures(dm: DataModel, lim: Limits, seed: number, start: number, count: number): Signature[] {
  const raw = fc.sample(arbitraryFor(dm, lim), { seed, path: String(start), numRuns: count });
  return raw.map((s, i) => nameSignature(s, start + i));
}

/** What a fast-check path looks like: a run index, then shrink steps ("42", "42:0:3"). */
export const FAST_CHECK_PATH = /^\d+(:\d+)*$/;

/**
 * The signature at a fast-check path: "i" is run i, "i:a:b" is shrink candidate b of shrink
 * candidate a of run i (fast-check's replay paths). Unnamed: the caller names it.
 */
export function signatureAt(dm: DataModel, lim: Limits, seed: number, path: string): Signature {
  const [sig] = fc.sample(arbitraryFor(dm, lim), { seed, path, numRuns: 1 });
  if (!sig) throw new Error(`no signature at path ${path} of seed ${seed}`);
  return sig;
}

/**
 * Shrink candidates [from, from+count) of the signature at `path`, in fast-check's order (most
 * aggressive first), each with its own path. Fewer than count: the stream ended.
 */
export function shrinkCandidates(dm: DataModel, lim: Limits, seed: number, path: string, from: number, count: number): { sig: Signature; path: string }[] {
  let raw: Signature[];
  try {
    raw = fc.sample(arbitraryFor(dm, lim), { seed, path: `${path}:${from}`, numRuns: count });
  } catch {
    return []; // nothing at that position: the stream has fewer candidates
  }
  return raw.map((sig, k) => ({ sig, path: `${path}:${from + k}` }));
}

function arbitraryFor(dm: DataModel, lim: Limits): fc.Arbitrary<Signature> {
  let model = lim.float16 ? dm : withoutScalar(dm, '_Float16');
  for (const name of lim.exclude ?? []) model = withoutScalar(model, name as ScalarName);
  return signature(model, lim);
}

/** The same data model less one scalar, so generators never produce it. */
function withoutScalar(dm: DataModel, name: ScalarName): DataModel {
  const scalars = { ...dm.scalars };
  delete scalars[name];
  return { ...dm, scalars };
}
