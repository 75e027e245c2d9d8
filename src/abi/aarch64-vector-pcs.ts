// The AArch64 Vector Procedure Call Standard (AAVPCS), __attribute__((aarch64_vector_pcs)) in gcc
// and clang. Transcribes ARM-software/abi-aa vfabia64/vfabia64.rst, "Vector Procedure Call
// Standard" (read at commit fc99c451), whose table "Modified PCS for vector functions (AAVPCS)"
// says for Advanced SIMD: parameter and result registers V0-V7, caller-saved V0-V7 and V24-V31,
// callee-saved V8-V23; everything else is the base AAPCS64 ("we define a modified version of the
// base procedural calling standard"). So arguments and results are planned by aapcs64.ts, and the
// callee keeps all 128 bits of v8-v23 besides AAPCS64's x19-x29.
//
// Measured (-O2 -S of a callee whose inline assembly clobbers every register): clang-19 and
// aarch64-linux-gnu-gcc 12 both save x19-x28 and q8-q23 whole, nothing of v0-v7 or v24-v31; gcc
// marks the symbol .variant_pcs. Pure: no I/O.
import type { Abi, AbiOptions } from './abi.js';
import type { PlanResult } from './location.js';
import type { DataModel } from '../model/data-model.js';
import type { Signature } from '../model/types.js';
import { aapcs64 } from './aapcs64.js';
import { withoutConvention } from './shared/without-convention.js';

function planCall(sig: Signature, dm: DataModel, opts: AbiOptions): PlanResult {
  return aapcs64.planCall(withoutConvention(sig), dm, opts);
}

export const aarch64VectorPcs: Abi = {
  id: 'aavpcs',
  title: 'AArch64 Vector Procedure Call Standard (vfabia64, aarch64_vector_pcs): AAPCS64 with v8-v23 callee-saved whole',
  planCall,
  contract: {
    calleeSaved: [
      ...Array.from({ length: 11 }, (_, i) => ({ name: `x${19 + i}`, bytes: 8 })), // AAPCS64 §6.1.1
      ...Array.from({ length: 16 }, (_, i) => ({ name: `q${8 + i}`, bytes: 16 })), // AAVPCS Table: V8-V23
    ],
    stackAlign: aapcs64.contract.stackAlign,
  },
  dialects: aapcs64.dialects,
  ...(aapcs64.dialectsOf ? { dialectsOf: aapcs64.dialectsOf } : {}),
};
