// A batch of N functions (the C sources of one build) → abi.h (types, prototypes, runtime API), callee.c and caller.c.
// caller.c and callee.c include no system headers; main and the reporting live in runtime.c.
import type { DataModel } from '../model/data-model.js';
import { isAggregate, signatureTypes, type Signature } from '../model/types.js';
import { typeDefinition, typeName, vectorName, vectorsOf } from './c-types.js';
import { CXX_CLOSE, CXX_OPEN } from './cxx.js';
import { pointerTypedef, prototype } from './declaration.js';
import { objectsOf, planFunction, type FunctionPlan, type PlannedValue } from './plan.js';
import type { CallChecks } from './asm/trampolines.js';
import { asmFile, modelCalleePart, modelCallerPart, type ModelPart } from './model-batch.js';
import type { ModelRoles } from './model/party.js';
import { buildValue, checkValue, declare, REPORTING_SIDE } from './statements.js';

export interface BatchMeta {
  seed: number;
  target: string;
  caller: string;
  callee: string;
  /** A side compiles the sources as C++: abi.h says so (src/emit/cxx.ts). Absent for a pair of C compilers. */
  cplusplus?: boolean;
}

/** Lines [first, last] (1-based) of a file that belong to function `index`. */
export interface LineSpan { index: number; first: number; last: number }

export interface EmittedBatch {
  /** abi.h, caller.c, callee.c; caller.S or callee.S where that side is the model. */
  files: Record<'abi.h' | 'caller.c' | 'callee.c', string> & Partial<Record<'caller.S' | 'callee.S', string>>;
  /** Which lines of each file each function owns: maps compiler errors back to functions. */
  spans: Record<'abi.h' | 'caller.c' | 'callee.c', LineSpan[]>;
  indices: number[];
}

const RUNTIME_API = `/* Runtime (runtime.c): every check reports through these. side 0 = callee, 1 = caller. */
void abifuzz_zero(void *dst, unsigned long n);
void abifuzz_set(void *dst, const char *src, int n);
void abifuzz_scramble(void *p, unsigned long n);
void abifuzz_check(int side, int fn, const char *path, int offset, const void *got, const char *exp, int n);
void abifuzz_check_bits(int side, int fn, const char *path, unsigned long long got, unsigned long long exp);
void abifuzz_check_ptr(int side, int fn, const char *path, const void *got, const void *exp);
void abifuzz_layout(int side, int fn, const char *key, unsigned long long a, unsigned long long b);
/* Contract (contract.c and the target's trampoline): arm with the callee, call the trampoline
 * through a pointer of the callee's type, then check registers, stack and flags. */
void abifuzz_contract_arm(int fn, void (*callee)(void));
void abifuzz_contract_check(int fn, int variant, int expected_pop);
`;

class Chunks {
  private parts: { index: number | null; text: string }[] = [];
  add(index: number | null, lines: string[]): void {
    this.parts.push({ index, text: lines.join('\n') + '\n' });
  }
  done(): { text: string; spans: LineSpan[] } {
    let line = 1;
    const spans: LineSpan[] = [];
    for (const p of this.parts) {
      const n = p.text.split('\n').length - 1;
      if (p.index !== null) spans.push({ index: p.index, first: line, last: line + n - 1 });
      line += n;
    }
    return { text: this.parts.map((p) => p.text).join(''), spans };
  }
}

/**
 * With a contract, the caller reaches each callee through the target's assembly trampoline, which
 * checks callee-saved registers, the stack pointer, stack alignment and flags; without, directly.
 */
export function emitBatch(
  sigs: { sig: Signature; index: number }[], dm: DataModel, meta: BatchMeta, contract: CallChecks | null = null, roles: ModelRoles = {},
): EmittedBatch {
  const plans = sigs.map(({ sig, index }) => planFunction(sig, index, dm));
  const banner = `/* abifuzz: seed ${meta.seed}, functions ${plans.map((p) => p.index).join(',')}, target ${meta.target}, caller ${meta.caller}, callee ${meta.callee}. Generated; do not edit. */`;
  const header = new Chunks();
  const callee = new Chunks();
  const caller = new Chunks();
  header.add(null, [banner, '#ifndef ABIFUZZ_ABI_H', '#define ABIFUZZ_ABI_H', ...(meta.cplusplus ? CXX_OPEN : []), RUNTIME_API]);
  const vectors = new Map<string, string>();
  for (const p of plans) for (const t of allTypes(p)) for (const v of vectorsOf(t)) vectors.set(vectorName(v), typeDefinition(v));
  header.add(null, [...vectors.values()]);
  const trampolines = new Set(contract ? plans.map((p) => contract.trampoline(p.sig).symbol) : []);
  if (trampolines.size) header.add(null, [...trampolines].map((sym) => `void ${sym}(void);`));
  for (const p of plans) header.add(p.index, headerPart(p));
  header.add(null, [...(meta.cplusplus ? CXX_CLOSE : []), '#endif']);
  callee.add(null, [banner, '#include "abi.h"']);
  caller.add(null, [banner, '#include "abi.h"']);
  // Through a volatile pointer: gcc turns a call through a cast function designator of another
  // type into a trap ("function called through a non-compatible type").
  if (trampolines.size) caller.add(null, [...trampolines].map((sym) => `void (*volatile ${via(sym)})(void) = ${sym};`));
  const asm: Record<'caller' | 'callee', ModelPart[]> = { caller: [], callee: [] };
  for (const p of plans) {
    if (roles.callee && contract) {
      const m = modelCalleePart(p, roles.callee, contract);
      asm.callee.push(m);
      callee.add(p.index, m.c);
    } else callee.add(p.index, calleePart(p, meta.cplusplus));
    if (roles.caller && contract) {
      const m = modelCallerPart(p, roles.caller, contract);
      asm.caller.push(m);
      caller.add(p.index, m.c);
    } else caller.add(p.index, callerPart(p, contract, meta.cplusplus));
  }
  caller.add(null, [
    `void (*const abifuzz_tests[])(void) = { ${plans.map((p) => `abifuzz_test_${p.index}`).join(', ')} };`,
    `const int abifuzz_test_ids[] = { ${plans.map((p) => p.index).join(', ')} };`,
    `const int abifuzz_ntests = ${plans.length};`,
  ]);
  const h = header.done();
  const ce = callee.done();
  const cr = caller.done();
  const files: EmittedBatch['files'] = { 'abi.h': h.text, 'callee.c': ce.text, 'caller.c': cr.text };
  const asmBanner = banner.replace('Generated; do not edit.', 'The psABI model, in assembly. Generated; do not edit.');
  if (roles.caller) files['caller.S'] = asmFile(asmBanner, asm.caller, roles.caller.elf);
  if (roles.callee) files['callee.S'] = asmFile(asmBanner, asm.callee, roles.callee.elf);
  return {
    files,
    spans: { 'abi.h': h.spans, 'callee.c': ce.spans, 'caller.c': cr.spans },
    indices: plans.map((p) => p.index),
  };
}

const allTypes = (p: FunctionPlan) => [...p.args, ...p.variadic, ...(p.ret ? [p.ret] : [])].map((v) => v.type);

function headerPart(p: FunctionPlan): string[] {
  const out = signatureTypes(p.sig).map(typeDefinition);
  out.push(`${prototype(p.sig)};`);
  out.push(`void abifuzz_layout_callee_${p.index}(void);`);
  for (const v of [...p.args, ...p.variadic, ...(p.ret ? [p.ret] : [])])
    for (const o of objectsOf(v)) out.push(`extern ${typeName(o.type)} ${o.name};`);
  return out;
}

/** sizeof/__alignof__ (the alignment the layout really uses; gcc caps C11 _Alignof at 16 without AVX) of every aggregate the function uses, and offsetof of every named non-bit-field member. */
function layoutReport(p: FunctionPlan, side: number): string[] {
  const out: string[] = [];
  for (const t of signatureTypes(p.sig)) {
    // _Atomic(T): gcc and clang lay some out differently (src/model/layout.ts atomicLayoutClang).
    if (t.kind === 'atomic') out.push(`abifuzz_layout(${side}, ${p.index}, "${t.name}", sizeof(${t.name}), __alignof__(${t.name}));`);
    if (!isAggregate(t)) continue;
    out.push(`abifuzz_layout(${side}, ${p.index}, "${t.name}", sizeof(${t.name}), __alignof__(${t.name}));`);
    for (const f of t.fields)
      if (f.bits === undefined) out.push(`abifuzz_layout(${side}, ${p.index}, "${t.name}.${f.name}", __builtin_offsetof(${t.name}, ${f.name}), 0);`);
  }
  return out;
}

const indent = (lines: string[]): string[] => lines.map((l) => `  ${l}`);
const definitions = (vs: PlannedValue[]): string[] => vs.flatMap(objectsOf).map((o) => `${typeName(o.type)} ${o.name};`);

function calleePart(p: FunctionPlan, cplusplus = false): string[] {
  const out = [...definitions(p.ret ? [p.ret] : [])];
  out.push(`void abifuzz_layout_callee_${p.index}(void) {`, ...indent(layoutReport(p, REPORTING_SIDE.callee)), '}');
  out.push(`${prototype(p.sig)} {`);
  if (p.variadic.length) {
    out.push('  __builtin_va_list ap;', `  __builtin_va_start(ap, a${p.args.length - 1});`);
    for (const v of p.variadic) out.push(`  ${typeName(v.type)} ${v.variable} = __builtin_va_arg(ap, ${typeName(v.type)});`);
    out.push('  __builtin_va_end(ap);');
  }
  for (const v of [...p.args, ...p.variadic]) out.push(...indent(checkValue(v, REPORTING_SIDE.callee, p.index)));
  // Writes to its own parameters, which the caller checks again after the call: an object passed by
  // reference without a copy (an aggregate; Win64 also a long double, an __int128) shows there.
  for (const v of p.args.filter(mayGoByReference)) out.push(`  abifuzz_scramble(&${v.variable}, sizeof ${v.variable});`);
  if (p.ret) out.push(`  ${declare(p.ret)}`, ...indent(buildValue(p.ret, cplusplus)), '  return r;');
  out.push('}');
  return out;
}

const via = (trampoline: string): string => `${trampoline}_via`;

function callerPart(p: FunctionPlan, contract: CallChecks | null, cplusplus = false): string[] {
  const out = [...definitions([...p.args, ...p.variadic])];
  const fp = `abifuzz_fp_${p.index}`;
  if (contract) out.push(pointerTypedef(p.sig, fp));
  out.push(`void abifuzz_test_${p.index}(void) {`);
  out.push(`  abifuzz_layout_callee_${p.index}();`, ...indent(layoutReport(p, REPORTING_SIDE.caller)));
  for (const v of [...p.args, ...p.variadic]) out.push(`  ${declare(v)}`, ...indent(buildValue(v, cplusplus)));
  const args = [...p.args, ...p.variadic].map((v) => v.variable).join(', ');
  const t = contract?.trampoline(p.sig);
  if (t) out.push(`  abifuzz_contract_arm(${p.index}, (void (*)(void))${p.sig.name});`);
  const callee = t ? `((${fp})${via(t.symbol)})` : p.sig.name;
  out.push(p.ret ? `  ${typeName(p.ret.type)} r = ${callee}(${args});` : `  ${callee}(${args});`);
  if (t) out.push(`  abifuzz_contract_check(${p.index}, ${t.variant}, ${contract!.pops(p.sig)});`);
  if (p.ret) out.push(...indent(checkValue(p.ret, REPORTING_SIDE.caller, p.index)));
  // The callee scrambled its parameters: the objects passed must not have changed (variadic ones go
  // through va_arg, which copies anyway).
  for (const v of p.args.filter(mayGoByReference)) out.push(...indent(checkValue(v, REPORTING_SIDE.caller, p.index)));
  out.push('}');
  return out;
}

/**
 * Whether some convention passes a value of this type by reference: aggregates, complexes, vectors,
 * and the wide scalars Win64 sends that way (long double, __int128). Ints, floats, enums and
 * pointers always travel by value: scrambling and checking them again would only cost compile time.
 */
function mayGoByReference(v: PlannedValue): boolean {
  const t = v.type;
  if (t.kind === 'scalar') return t.name === 'long double' || t.name.includes('__int128');
  return t.kind !== 'enum' && t.kind !== 'pointer' && t.kind !== 'fnptr';
}
