// The value plan of one function: every leaf of every argument and of the return value with
// the bytes it must hold. Caller and callee are both emitted from this one plan.
import type { DataModel } from '../model/data-model.js';
import { leavesOf, type Leaf } from '../model/leaves.js';
import type { CType, Signature } from '../model/types.js';
import { bitsValue, enumIndex, functionTargetIndex, leafBytes } from '../values/leaf-bytes.js';

export type PlannedLeaf =
  | (Extract<Leaf, { kind: 'bytes' }> & { bytes: Uint8Array })
  | (Extract<Leaf, { kind: 'bits' }> & { value: bigint })
  | (Extract<Leaf, { kind: 'enum' }> & { index: number })
  | (Extract<Leaf, { kind: 'pointer' }> & { object: string })
  /** `target`: which of the function targets (types.ts FUNCTION_TARGETS) it points at. */
  | (Extract<Leaf, { kind: 'function' }> & { target: number });

export interface PlannedValue {
  /** C variable holding it on both sides: a<k> (fixed), v<k> (variadic), r (return). */
  variable: string;
  path: string;
  type: CType;
  leaves: PlannedLeaf[];
}

export interface FunctionPlan {
  sig: Signature;
  /** Index of the function in its run: salts the values and names the test. */
  index: number;
  args: PlannedValue[];
  variadic: PlannedValue[];
  ret: PlannedValue | null;
}

export function planFunction(sig: Signature, index: number, dm: DataModel): FunctionPlan {
  let ordinal = 0;
  const plan = (type: CType, variable: string, path: string): PlannedValue => {
    const leaves = leavesOf(type, variable, path, dm).map((leaf): PlannedLeaf => {
      const n = ordinal++;
      switch (leaf.kind) {
        case 'bytes':
          return { ...leaf, bytes: leafBytes(index, n, leaf) };
        case 'bits':
          return { ...leaf, value: bitsValue(index, n, leaf.width) };
        case 'enum':
          return { ...leaf, index: enumIndex(index, n, leaf.type.values.length) };
        case 'pointer':
          return { ...leaf, object: `abifuzz_o${index}_${n}` };
        case 'function':
          return { ...leaf, target: functionTargetIndex(index, n) };
      }
    });
    return { variable, path, type, leaves };
  };
  const args = sig.params.map((p, k) => plan(p.type, `a${k}`, `arg${k}`));
  const variadic = (sig.variadic ?? []).map((p, j) => {
    const k = sig.params.length + j;
    return plan(p.type, `v${k}`, `arg${k}`);
  });
  const ret = sig.ret === 'void' ? null : plan(sig.ret, 'r', 'ret');
  return { sig, index, args, variadic, ret };
}

/** Pointee objects a value points at (defined by whoever builds the value). */
export function objectsOf(v: PlannedValue): { name: string; type: CType }[] {
  return v.leaves.flatMap((l) => (l.kind === 'pointer' ? [{ name: l.object, type: l.to }] : []));
}
