// The C half of a model party, ISA-independent and compiled by the target's gcc (never by a
// compiler under test): the caller's test function around the assembly call (layout facts from the
// model, pointee objects, the return value read back from the registers the call returned in) and
// the callee's reader (each argument rebuilt from the registers and stack the psABI says, the
// extensions it prescribes checked, the copies passed by reference scrambled as a C callee's
// parameters are, the return value put where it says). Only void(void) calls
// cross between this C and the assembly, so the convention of the glue itself never matters.
import type { ArgLocation, CallPlan, Extension, RegPart } from '../../abi/location.js';
import type { DataModel } from '../../model/data-model.js';
import { layoutOf } from '../../model/layout.js';
import { isAggregate, signatureTypes } from '../../model/types.js';
import { bytesLiteral, typeName } from '../c-types.js';
import { imageOf } from '../image.js';
import type { FunctionPlan, PlannedValue } from '../plan.js';
import { buildValue, checkValue, declare, REPORTING_SIDE } from '../statements.js';
import { byteRange } from './images.js';

export interface Slots {
  /** Byte offset of a register in a register dump. */
  slot(reg: string): number;
  /** Size of a register dump. */
  dumpBytes: number;
}

export const names = (index: number) => ({
  callerDump: `abifuzz_mcr${index}`,
  calleeDump: `abifuzz_mce${index}`,
  calleeStack: `abifuzz_msp${index}`,
  retBuffer: `abifuzz_mret${index}`,
  call: `abifuzz_mcall_${index}`,
  reader: `abifuzz_mcallee_${index}`,
});

/** sizeof/__alignof__ and member offsets as the model's layout says (side 0 callee, 1 caller). */
function modelLayout(fp: FunctionPlan, side: number, dm: DataModel): string[] {
  const out: string[] = [];
  for (const t of signatureTypes(fp.sig)) {
    if (!isAggregate(t)) continue;
    const l = layoutOf(t, dm);
    out.push(`abifuzz_layout(${side}, ${fp.index}, "${t.name}", ${l.size}, ${l.align});`);
    for (const f of l.fields)
      if (f.field.bits === undefined) out.push(`abifuzz_layout(${side}, ${fp.index}, "${t.name}.${f.field.name}", ${f.bitOffset / 8}, 0);`);
  }
  return out;
}

const ptr = (expr: string): string => `(char *)${expr}`;

/** Statements that copy a location's bytes into (read) or out of (write) the object `obj`. */
function transfer(loc: ArgLocation, obj: string, size: string, dump: string, stack: string, s: Slots, dir: 'read' | 'write', what: string): string[] {
  const regPart = (p: RegPart): string => dir === 'read'
    ? `abifuzz_set(${ptr(`&${obj}`)} + ${p.from}, (const char *)${dump} + ${s.slot(p.reg)}, ${p.to - p.from}); /* ${what} ${byteRange(p)} from ${p.reg} */`
    : `abifuzz_set(${ptr(dump)} + ${s.slot(p.reg)}, (const char *)&${obj} + ${p.from}, ${p.to - p.from}); /* ${what} ${byteRange(p)} into ${p.reg} */`;
  switch (loc.kind) {
    case 'regs':
      return loc.parts.map(regPart);
    case 'stack':
      return [`abifuzz_set(${ptr(`&${obj}`)}, (const char *)${stack} + ${loc.offset}, ${loc.size}); /* ${what} from the stack at ${loc.offset} */`];
    case 'split': {
      const from = loc.parts[loc.parts.length - 1]?.to ?? 0;
      return [...loc.parts.map(regPart), `abifuzz_set(${ptr(`&${obj}`)} + ${from}, (const char *)${stack} + ${loc.stackOffset}, ${size} - ${from}); /* the rest from the stack at ${loc.stackOffset} */`];
    }
    default:
      return [];
  }
}

/** The byte an extension puts above a value ending at byte `end` of `bytes` (sign: from its top bit, bit fromBit - 1 if said). */
function extensionFill(bytes: Uint8Array, end: number, e: Extension): number {
  if (e.kind !== 'sign') return e.kind === 'zero' ? 0 : 0xff;
  const top = e.fromBit !== undefined ? e.fromBit - 1 : 8 * end - 1;
  return ((bytes[top >> 3] ?? 0) >> (top & 7)) & 1 ? 0xff : 0;
}

/** Checks of the register (or stack slot) bits above a value that the psABI prescribes, reported by `side`. */
function extensionChecks(loc: ArgLocation, v: PlannedValue, fn: number, dump: string, stack: string, s: Slots, dm: DataModel, side: number = REPORTING_SIDE.callee): string[] {
  const img = imageOf(v, dm);
  if (loc.kind === 'stack' && loc.extend && loc.extend.toBytes > loc.size) {
    const n = loc.extend.toBytes - loc.size;
    const fill = extensionFill(img.bytes, loc.size, loc.extend);
    return [`abifuzz_check(${side}, ${fn}, "${v.path}", ${loc.size}, (const unsigned char *)${stack} + ${loc.offset + loc.size}, ${bytesLiteral(new Uint8Array(n).fill(fill))}, ${n}); /* its stack slot above the value: ${loc.extend.kind}-extended to ${loc.extend.toBytes} bytes */`];
  }
  if (loc.kind !== 'regs' && loc.kind !== 'split') return [];
  return loc.parts.flatMap((p) => {
    if (!p.extend || p.extend.toBytes <= p.to - p.from) return [];
    const n = p.extend.toBytes - (p.to - p.from);
    const fill = extensionFill(img.bytes, p.to, p.extend);
    const exp = bytesLiteral(new Uint8Array(n).fill(fill));
    return [`abifuzz_check(${side}, ${fn}, "${v.path}", ${p.to - p.from}, (const unsigned char *)${dump} + ${s.slot(p.reg)} + ${p.to - p.from}, ${exp}, ${n}); /* ${p.reg} above the value: ${p.extend.kind}-extended to ${p.extend.toBytes} bytes */`];
  });
}

/** Reads argument k of the model callee into its variable. */
function readArg(loc: ArgLocation, v: PlannedValue, n: ReturnType<typeof names>, s: Slots): string[] {
  const size = `sizeof ${v.variable}`;
  const out = [declare(v), `abifuzz_zero(&${v.variable}, ${size});`];
  if (loc.kind === 'by-ref') {
    out.push('{', `  const char *p;`, ...transfer(loc.pointer, 'p', 'sizeof p', n.calleeDump, n.calleeStack, s, 'read', `${v.path} (its address)`).map((l) => `  ${l}`),
      `  abifuzz_set(${ptr(`&${v.variable}`)}, p, ${size}); /* ${v.path} through the pointer: ${loc.why} */`, '}');
    return out;
  }
  if (loc.kind === 'ignored') return [...out, `/* ${v.path}: nothing passed (${loc.why}) */`];
  return [...out, ...transfer(loc, v.variable, size, n.calleeDump, n.calleeStack, s, 'read', v.path)];
}

/**
 * The copy a fixed argument passed by reference points at is the callee's to write, as a C callee
 * writes its parameter: scrambled, so a caller that passed its own object sees it changed.
 */
function scrambleCopy(loc: ArgLocation, v: PlannedValue, n: ReturnType<typeof names>, s: Slots): string[] {
  if (loc.kind !== 'by-ref' || loc.copy !== 'caller') return [];
  return ['{', `  char *p;`, ...transfer(loc.pointer, 'p', 'sizeof p', n.calleeDump, n.calleeStack, s, 'read', `${v.path} (its address)`).map((l) => `  ${l}`),
    `  abifuzz_scramble(p, sizeof ${v.variable}); /* ${v.path}: the caller's copy, ours to write */`, '}'];
}

export function callerGlue(fp: FunctionPlan, plan: CallPlan, dm: DataModel, s: Slots, contract: { variant: number; pops: number }): string[] {
  const n = names(fp.index);
  const out: string[] = [];
  const values = [...fp.args, ...fp.variadic];
  for (const v of values) for (const l of v.leaves) if (l.kind === 'pointer') out.push(`${typeName(l.to)} ${l.object};`);
  if (fp.ret && plan.ret.kind === 'sret') out.push(`${typeName(fp.ret.type)} ${n.retBuffer};`);
  out.push(`unsigned char ${n.callerDump}[${s.dumpBytes}];`, `void ${n.call}(void);`);
  out.push(`void abifuzz_test_${fp.index}(void) {`, `  abifuzz_layout_callee_${fp.index}();`, ...modelLayout(fp, REPORTING_SIDE.caller, dm).map((l) => `  ${l}`));
  // Pointee objects: a pointer leaf is followed by its pointee's leaf.
  for (const v of values)
    v.leaves.forEach((l, i) => {
      const next = v.leaves[i + 1];
      if (l.kind === 'pointer' && next?.kind === 'bytes') out.push(`  abifuzz_set(&${l.object}, ${bytesLiteral(next.bytes)}, ${next.size});`);
    });
  out.push(`  abifuzz_contract_arm(${fp.index}, (void (*)(void))${fp.sig.name});`, `  ${n.call}(); /* caller.S: the arguments where the model says, the call through the trampoline */`,
    `  abifuzz_contract_check(${fp.index}, ${contract.variant}, ${contract.pops});`);
  if (fp.ret) {
    const r = fp.ret;
    out.push(`  ${declare(r)}`, `  abifuzz_zero(&r, sizeof r);`);
    if (plan.ret.kind === 'regs') out.push(...transfer(plan.ret, 'r', 'sizeof r', n.callerDump, '0', s, 'read', 'ret').map((l) => `  ${l}`));
    else if (plan.ret.kind === 'sret') {
      out.push(`  abifuzz_set(${ptr('&r')}, (const char *)&${n.retBuffer}, sizeof r); /* through the hidden pointer */`);
      if (plan.ret.returnedIn)
        out.push(`  { const void *back; abifuzz_set(${ptr('&back')}, (const char *)${n.callerDump} + ${s.slot(plan.ret.returnedIn)}, sizeof back);`,
          `    abifuzz_check_ptr(${REPORTING_SIDE.caller}, ${fp.index}, "ret@${plan.ret.returnedIn}", back, &${n.retBuffer}); } /* the address comes back in ${plan.ret.returnedIn} */`);
    }
    out.push(...checkValue(r, REPORTING_SIDE.caller, fp.index).map((l) => `  ${l}`));
    // What the psABI prescribes above a returned value (RISC-V: extended or NaN-boxed), which C cannot see.
    if (plan.ret.kind === 'regs') out.push(...extensionChecks(plan.ret, r, fp.index, n.callerDump, '0', s, dm, REPORTING_SIDE.caller).map((l) => `  ${l}`));
  }
  out.push('}');
  return out;
}

export function calleeGlue(fp: FunctionPlan, plan: CallPlan, dm: DataModel, s: Slots): string[] {
  const n = names(fp.index);
  const out: string[] = [`unsigned char ${n.calleeDump}[${s.dumpBytes}];`, `const unsigned char *${n.calleeStack};`];
  if (fp.ret) for (const l of fp.ret.leaves) if (l.kind === 'pointer') out.push(`${typeName(l.to)} ${l.object};`);
  out.push(`void abifuzz_layout_callee_${fp.index}(void) {`, ...modelLayout(fp, REPORTING_SIDE.callee, dm).map((l) => `  ${l}`), '}');
  out.push(`void ${n.reader}(void) {`);
  const values = [...fp.args, ...fp.variadic];
  plan.args.forEach((loc, k) => out.push(...readArg(loc, values[k]!, n, s).map((l) => `  ${l}`)));
  plan.args.forEach((loc, k) => out.push(...extensionChecks(loc, values[k]!, fp.index, n.calleeDump, n.calleeStack, s, dm).map((l) => `  ${l}`)));
  if (plan.al !== undefined)
    out.push(`  if ((${n.calleeDump}[${s.slot('rax')}] & 0xff) < ${plan.al}) abifuzz_check_bits(${REPORTING_SIDE.callee}, ${fp.index}, "%al", ${n.calleeDump}[${s.slot('rax')}], ${plan.al}); /* at least the vector registers used */`);
  for (const v of values) out.push(...checkValue(v, REPORTING_SIDE.callee, fp.index).map((l) => `  ${l}`));
  fp.args.forEach((v, k) => out.push(...scrambleCopy(plan.args[k]!, v, n, s).map((l) => `  ${l}`)));
  if (fp.ret) {
    const r = fp.ret;
    out.push(`  ${declare(r)}`, ...buildValue(r).map((l) => `  ${l}`));
    if (plan.ret.kind === 'regs') out.push(...transfer(plan.ret, 'r', 'sizeof r', n.calleeDump, '0', s, 'write', 'ret').map((l) => `  ${l}`));
    else if (plan.ret.kind === 'sret') {
      out.push('  {', '    char *p;', ...transfer(plan.ret.pointer, 'p', 'sizeof p', n.calleeDump, n.calleeStack, s, 'read', 'ret (hidden pointer)').map((l) => `    ${l}`),
        `    abifuzz_set(p, (const char *)&r, sizeof r); /* ${plan.ret.why} */`);
      if (plan.ret.returnedIn) out.push(`    abifuzz_set(${ptr(n.calleeDump)} + ${s.slot(plan.ret.returnedIn)}, (const char *)&p, sizeof p); /* the address back in ${plan.ret.returnedIn} */`);
      out.push('  }');
    }
  }
  out.push('}');
  return out;
}
