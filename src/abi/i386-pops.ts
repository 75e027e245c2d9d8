// How many bytes an i386 callee pops on return (gcc's ix86_return_pops_args, which clang follows
// on Linux): stdcall and fastcall pop their stack arguments; otherwise a callee returning through
// a hidden pointer pops that pointer, unless regparm passes it in eax. Conservative: null wherever
// the stack layout of an argument is not certain (vectors, _Complex, over-aligned or empty
// aggregates), so the stack-pointer check is skipped rather than wrong.
import type { DataModel } from '../model/data-model.js';
import { layoutOf } from '../model/layout.js';
import { isAggregate, type CType, type Signature } from '../model/types.js';

const round4 = (n: number): number => Math.ceil(n / 4) * 4;

/** Stack bytes of one argument, or null when its slot size or alignment is uncertain. */
function stackBytes(t: CType, dm: DataModel): number | null {
  switch (t.kind) {
    case 'scalar': {
      const s = dm.scalars[t.name];
      return s ? round4(s.size) : null;
    }
    case 'enum':
    case 'pointer':
      return 4;
    case 'struct':
    case 'union': {
      const l = layoutOf(t, dm);
      return l.size === 0 || l.align > 4 ? null : round4(l.size);
    }
    default:
      return null;
  }
}

/** Whether the function returns through a hidden pointer (i386 Linux: every struct and union). */
function returnsInMemory(ret: CType | 'void', dm: DataModel): boolean | null {
  if (ret === 'void') return false;
  if (isAggregate(ret)) return layoutOf(ret, dm).size === 0 ? null : true;
  return ret.kind === 'scalar' || ret.kind === 'enum' || ret.kind === 'pointer' ? false : null;
}

/** fastcall passes the first two integer-class arguments of at most 4 bytes in ecx and edx. */
function fastcallRegister(t: CType, dm: DataModel): boolean {
  if (t.kind === 'enum' || t.kind === 'pointer') return true;
  if (t.kind !== 'scalar') return false;
  const s = dm.scalars[t.name];
  return !!s && s.float === undefined && s.size <= 4;
}

export function i386CalleePops(sig: Signature, dm: DataModel): number | null {
  const sret = returnsInMemory(sig.ret, dm);
  if (sret === null) return null;
  const cc = sig.convention ?? 'cdecl';
  if (cc !== 'stdcall' && cc !== 'fastcall') return sret && !cc.startsWith('regparm') ? 4 : 0;
  if (cc === 'fastcall' && sret) return null; // where the hidden pointer goes is not modelled
  let regs = cc === 'fastcall' ? 2 : 0;
  let sawStackArg = false;
  let total = sret ? 4 : 0;
  for (const p of sig.params) {
    if (regs > 0 && fastcallRegister(p.type, dm)) {
      if (sawStackArg) return null; // a stack argument before a register one: not modelled
      regs--;
      continue;
    }
    const n = stackBytes(p.type, dm);
    if (n === null) return null;
    sawStackArg = true;
    total += n;
  }
  return total;
}
