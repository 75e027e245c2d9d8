// The model's side of a batch: for each function the C glue (model/glue.ts) and the assembly of
// its ISA (asm/<isa>.ts); the assembly of a batch goes in caller.S or callee.S beside the glue.
import type { CallChecks } from './asm/trampolines.js';
import { aarch64 } from './asm/aarch64.js';
import { arm } from './asm/arm.js';
import { i386 } from './asm/i386.js';
import type { IsaEmitter } from './asm/isa.js';
import { riscv64 } from './asm/riscv64.js';
import { x86_64 } from './asm/x86_64.js';
import { callerGlue, calleeGlue, names } from './model/glue.js';
import { callerImages } from './model/images.js';
import type { ModelParty } from './model/party.js';
import { planFunction, type FunctionPlan } from './plan.js';
import type { Signature } from '../model/types.js';

const ISAS: Record<ModelParty['isa'], IsaEmitter> = { x86_64, i386, aarch64, riscv64, arm };

export interface ModelPart {
  c: string[];
  asm: string[];
}

/** Why the model caller cannot place a signature's values (a pointer split across registers), or null. */
export function modelCallerPlaces(c: { sig: Signature; index: number }, m: ModelParty): string | null {
  const dm = m.dataModel;
  const p = planFunction(c.sig, c.index, dm);
  const r = callerImages(p, m.plan(c.sig), dm, ISAS[m.isa].width, { copy: (k) => `c${k}`, ret: 'r' });
  return r.ok ? null : r.reason;
}

export function modelCallerPart(p: FunctionPlan, m: ModelParty, contract: CallChecks): ModelPart {
  const dm = m.dataModel;
  const isa = ISAS[m.isa];
  const plan = m.plan(p.sig);
  const t = contract.trampoline(p.sig);
  const imgs = callerImages(p, plan, dm, isa.width, { copy: (k) => `.Lm${p.index}_copy${k}`, ret: names(p.index).retBuffer });
  if (!imgs.ok) throw new Error(`internal: the model cannot place ${p.sig.name}: ${imgs.reason}`);
  return {
    c: callerGlue(p, plan, dm, isa.slots, { variant: t.variant, pops: plan.calleePops }),
    asm: isa.caller({ index: p.index, name: p.sig.name, plan, trampoline: t.symbol, elf: m.elf, features: m.features, images: imgs.images, abiTitle: m.abiTitle(p.sig) }),
  };
}

export function modelCalleePart(p: FunctionPlan, m: ModelParty, contract: CallChecks): ModelPart {
  const dm = m.dataModel;
  const isa = ISAS[m.isa];
  const plan = m.plan(p.sig);
  return {
    c: calleeGlue(p, plan, dm, isa.slots),
    asm: isa.callee({ index: p.index, name: p.sig.name, plan, trampoline: contract.trampoline(p.sig).symbol, elf: m.elf, features: m.features, abiTitle: m.abiTitle(p.sig), keeps: m.keeps(p.sig) }),
  };
}

/** The .S file of one side: a banner, the routines, the GNU-stack note on ELF. */
export function asmFile(banner: string, parts: ModelPart[], elf: boolean): string {
  const body = parts.flatMap((p) => [...p.asm, '']);
  // %progbits: on ARM '@' starts a comment; gas takes '%' on every ELF target.
  return [banner, ...body, ...(elf ? ['\t.section .note.GNU-stack,"",%progbits'] : []), ''].join('\n');
}
