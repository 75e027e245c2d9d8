// layout.ts against gcc (an e2e test: it compiles and runs), on every target: every size, alignment, member offset and bit-field
// position the model computes with the target's data model is compared with what the target's
// gcc prints for the same C definitions (run natively, under qemu-user or under wine). On
// x86_64-windows also the layout dialects, each against its own compiler: llp64Clang against
// clang-19 for x86_64-w64-mingw32 and llp64ClangCl against clang-cl-19.
import { execa } from 'execa';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, generateSignatures } from '../../generators/index.js';
import { declarationWithTypes } from '../../src/emit/declaration.js';
import { typeDefinition, vectorName, vectorsOf } from '../../src/emit/c-types.js';
import { llp64, llp64Clang, llp64ClangCl, type DataModel } from '../../src/model/data-model.js';
import { layoutOf } from '../../src/model/layout.js';
import {
  isAggregate, namedTypesOf, signatureTypes, type Aggregate, type CType, type Field, type ScalarName,
} from '../../src/model/types.js';
import { runnerFor } from '../../harness/runners/index.js';
import { resolveToolchain } from '../../harness/toolchains/registry.js';
import { TARGETS } from '../../src/targets/index.js';
import type { Target } from '../../src/targets/target.js';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** Facts about one aggregate, keyed 'size', 'align' or a member name. */
type Facts = Map<string, string>;

const bitsFact = (lo: number, width: number): string => `bits ${lo}+${width}`;

function modelFacts(t: Aggregate, dm: DataModel): Facts {
  const l = layoutOf(t, dm);
  const m: Facts = new Map([['size', String(l.size)], ['align', String(l.align)]]);
  for (const { field, bitOffset, bitSize } of l.fields)
    m.set(field.name, field.bits !== undefined ? bitsFact(bitOffset, bitSize) : `bit ${bitOffset}`);
  return m;
}

const PRELUDE = `#include <stdio.h>
#include <string.h>
/* Bit-field position read back from memory: bit i is byte i/8, bit i%8. */
static void bits(const char *agg, const char *f, const void *obj, unsigned long n) {
  const unsigned char *p = obj;
  long lo = -1, hi = -1, count = 0;
  for (unsigned long i = 0; i < n * 8; i++)
    if ((p[i / 8] >> (i % 8)) & 1) { if (lo < 0) lo = (long)i; hi = (long)i; count++; }
  printf("B %s %s %ld %ld %ld\\n", agg, f, lo, count, hi);
}
`;

/** A C function printing sizeof, __alignof__, offsetof of members and bit-field positions of `t`. */
function probe(t: Aggregate): string {
  const n = t.name;
  // __alignof__, not _Alignof: gcc's _Alignof is the C11 minimum, capped at 16 for vectors (and
  // aggregates holding them) without -mavx, while layout uses the type's real alignment.
  const out = [`static void p_${n}(void) {`, `  ${n} x;`, `  printf("S ${n} %zu %zu\\n", sizeof(${n}), __alignof__(${n}));`];
  for (const f of t.fields) {
    if (f.bits === 0) continue;
    if (f.bits === undefined) out.push(`  printf("F ${n} ${f.name} %zu\\n", __builtin_offsetof(${n}, ${f.name}));`);
    else out.push(`  memset(&x, 0, sizeof x); x.${f.name} = -1; bits("${n}", "${f.name}", &x, sizeof x);`);
  }
  out.push('}');
  return out.join('\n');
}

/** Whether the target's gcc accepts _Float16 (gcc 12 rejects it on i686, riscv64 and armhf). */
const float16Cache = new Map<string, Promise<boolean>>();
function gccHasFloat16(target: Target): Promise<boolean> {
  let p = float16Cache.get(target.id);
  if (!p) {
    p = (async () => {
      const dir = await mkdtemp(join(os.tmpdir(), 'abifuzz-layout-'));
      dirs.push(dir);
      await writeFile(join(dir, 'f.c'), '_Float16 f(_Float16 x) { return x; }\n');
      const cc = await execa(target.toolchains.gcc, ['-w', '-c', '-o', 'f.o', 'f.c'], { cwd: dir, reject: false });
      return cc.exitCode === 0;
    })();
    float16Cache.set(target.id, p);
  }
  return p;
}

/** Compiles `defs` plus probes of `aggs` with the target's gcc, runs it, and returns what gcc says. */
async function gccFacts(target: Target, defs: string, aggs: Aggregate[]): Promise<Map<string, Facts>> {
  const dir = await mkdtemp(join(os.tmpdir(), 'abifuzz-layout-'));
  dirs.push(dir);
  const main = `int main(void) {\n${aggs.map((t) => `  p_${t.name}();`).join('\n')}\n  return 0;\n}\n`;
  await writeFile(join(dir, 'probe.c'), [PRELUDE, defs, ...aggs.map(probe), main].join('\n'));
  const gcc = target.toolchains.gcc;
  const cc = await execa(gcc, ['-w', '-Wno-psabi', '-O0', ...target.toolchains.linkArgs, '-o', 'probe.exe', 'probe.c'], { cwd: dir, reject: false });
  if (cc.exitCode !== 0) throw new Error(`${gcc} failed:\n${cc.stderr.slice(0, 4000)}`);
  const runner = runnerFor(target);
  const [file, args] = runner.command(join(dir, 'probe.exe')); // .exe, as the harness names them: mingw appends it
  // wine: its prefix in env, and output through a file, never a pipe (as harness/run.ts does: its
  // background processes hold pipes open).
  const out = join(dir, 'probe.out');
  const run = await execa(file, args, {
    cwd: dir, reject: false, env: runner.env,
    ...(runner.outputToFile ? { stdout: { file: out }, stderr: 'ignore' as const } : {}),
  });
  if (run.exitCode !== 0) throw new Error(`probe exited ${run.exitCode}: ${run.stderr}`);
  const stdout = runner.outputToFile ? await readFile(out, 'utf8') : run.stdout;
  const facts = new Map<string, Facts>();
  const of = (n: string): Facts => facts.get(n) ?? facts.set(n, new Map()).get(n)!;
  for (const line of stdout.split(/\r?\n/).filter(Boolean)) { // Windows' printf writes \r\n
    const [kind, agg, a, b, c, d] = line.split(' ');
    if (kind === 'S') of(agg).set('size', a).set('align', b);
    else if (kind === 'F') of(agg).set(a, `bit ${Number(b) * 8}`);
    else {
      const [lo, count, hi] = [Number(b), Number(c), Number(d)];
      of(agg).set(a, lo < 0 ? 'no bits set' : hi - lo + 1 === count ? bitsFact(lo, count) : `bits ${lo}..${hi}, ${count} set`);
    }
  }
  return facts;
}

/** One message per aggregate where the model and gcc differ, with its C definition. */
function mismatches(aggs: Aggregate[], gcc: Map<string, Facts>, dm: DataModel): string[] {
  const out: string[] = [];
  for (const t of aggs) {
    const model = modelFacts(t, dm);
    const real = gcc.get(t.name) ?? new Map();
    const diffs = [...new Set([...model.keys(), ...real.keys()])]
      .filter((k) => model.get(k) !== real.get(k))
      .map((k) => `${k}: model ${model.get(k) ?? '-'}, gcc ${real.get(k) ?? '-'}`);
    if (diffs.length > 0)
      out.push(`${t.name}\n  ${diffs.join('\n  ')}\n${namedTypesOf(t).map(typeDefinition).join('\n')}`);
  }
  return out;
}

function report(target: Target, failures: string[], total: number): string {
  return `${failures.length} of ${total} aggregates differ from ${target.toolchains.gcc}:\n\n${failures.slice(0, 12).join('\n\n')}`;
}

/** Definitions (vector typedefs first, then named types innermost first) of hand-built aggregates. */
function definitions(aggs: Aggregate[]): string {
  const vecs = new Map<string, string>();
  const named: CType[] = [];
  for (const t of aggs) {
    for (const v of vectorsOf(t)) vecs.set(vectorName(v), typeDefinition(v));
    namedTypesOf(t, named);
  }
  return [...vecs.values(), ...named.map(typeDefinition)].join('\n');
}

// Hand-built types.
const s = (name: ScalarName): CType => ({ kind: 'scalar', name });
const bf = (name: string, type: ScalarName, bits: number): Field => ({ name, type: s(type), bits });
const zw = (type: ScalarName): Field => ({ name: '', type: s(type), bits: 0 });
const fd = (name: string, type: CType, extra: Partial<Field> = {}): Field => ({ name, type, ...extra });
let serial = 0;
function agg(kind: 'struct' | 'union', fields: Field[], opts: { packed?: boolean; aligned?: number } = {}): Aggregate {
  const t: Aggregate = { kind, name: `h${serial++}`, fields, packed: opts.packed ?? false };
  if (opts.aligned) t.aligned = opts.aligned;
  return t;
}

/** Whether every scalar `t` mentions exists on the target (and _Float16 only if gcc takes it). */
function expressible(t: CType, dm: DataModel, float16: boolean): boolean {
  const ok = (n: ScalarName): boolean => dm.scalars[n] !== undefined && (n !== '_Float16' || float16);
  switch (t.kind) {
    case 'scalar': return ok(t.name);
    case 'vector': return ok(t.elem);
    case 'complex': return ok(t.base);
    case 'array': return expressible(t.elem, dm, float16);
    case 'pointer': return expressible(t.to, dm, float16);
    case 'struct':
    case 'union': return t.fields.every((f) => expressible(f.type, dm, float16));
    default: return true;
  }
}

// Concurrent: the compiles are separate processes, so both cores are used. On x86_64-windows the
// reference is mingw gcc, which lays structs out the Microsoft way (-mms-bitfields, its default).
describe.concurrent.each(Object.values(TARGETS))('layoutOf agrees with gcc on $id', (target) => {
  const dm = target.dataModel;
  beforeAll(async () => runnerFor(target).prepare?.());

  /** The hand-built aggregates the target can express (others are skipped) agree with its gcc. */
  async function expectGccAgrees(...all: Aggregate[]): Promise<void> {
    const float16 = await gccHasFloat16(target);
    const aggs = all.filter((t) => expressible(t, dm, float16));
    const failures = mismatches(aggs, await gccFacts(target, definitions(aggs), aggs), dm);
    expect(failures, report(target, failures, aggs.length)).toEqual([]);
  }

  it('for every struct and union of 300 generated signatures', async () => {
    const limits = { ...DEFAULT_LIMITS, float16: await gccHasFloat16(target) };
    const sigs = generateSignatures(dm, limits, 20240601, 0, 300);
    const aggs = sigs.flatMap((sig) => signatureTypes(sig).filter(isAggregate));
    expect(aggs.length).toBeGreaterThan(300);
    const failures = mismatches(aggs, await gccFacts(target, sigs.map(declarationWithTypes).join('\n'), aggs), dm);
    expect(failures, report(target, failures, aggs.length)).toEqual([]);
  });

  it('zero-width bit-fields: align the next member, packed or not (and the aggregate on AAPCS)', async () => {
    const fields = (): Field[] => [fd('a', s('char')), zw('int'), fd('b', s('char')), zw('long long'), bf('c', 'int', 3)];
    await expectGccAgrees(
      agg('struct', fields()),
      agg('struct', fields(), { packed: true }),
      agg('struct', [bf('a', 'char', 3), zw('short'), bf('b', 'char', 2)]),
      agg('struct', [fd('a', s('char')), zw('long long')]),
      agg('struct', [zw('int'), zw('char')]),
      agg('union', [fd('a', s('char')), zw('long long')]),
      agg('union', [fd('a', s('char')), zw('int')], { packed: true }),
    );
  });

  it('bit-fields straddling a unit: moved when unpacked, kept when packed (char ones too)', async () => {
    await expectGccAgrees(
      agg('struct', [bf('a', 'int', 30), bf('b', 'int', 4)]),
      agg('struct', [bf('a', 'int', 30), bf('b', 'int', 4)], { packed: true }),
      agg('struct', [fd('c', s('char')), bf('a', 'short', 9), bf('b', 'unsigned short', 9)]),
      agg('struct', [bf('a', 'long long', 60), bf('b', 'unsigned long long', 64)], { packed: true }),
      agg('struct', [bf('a', 'char', 5), bf('b', 'unsigned char', 5), bf('c', '_Bool', 1)], { packed: true }),
      agg('struct', [fd('a', s('char')), bf('b', 'int', 32)]),
      agg('struct', [fd('a', s('char')), bf('b', 'long long', 57), fd('c', s('char'))], { packed: true }),
      // fieldDecl writes no attributes on a bit-field, so a field-level `packed` must not count.
      agg('struct', [bf('a', 'int', 30), { ...bf('b', 'int', 4), packed: true }]),
      // long long bit-fields: an 8-byte unit that is only 4-aligned on i386.
      agg('struct', [fd('a', s('char')), bf('b', 'long long', 60)]),
      agg('struct', [fd('a', s('short')), bf('b', 'unsigned long long', 33), fd('c', s('char'))]),
      agg('struct', [bf('a', 'int', 20), bf('b', 'long long', 40), bf('c', 'long long', 30)]),
    );
  });

  it('packed struct with an aligned(16) member', async () => {
    await expectGccAgrees(
      agg('struct', [fd('a', s('char')), fd('b', s('int'), { aligned: 16 })], { packed: true }),
      agg('struct', [fd('a', s('char')), fd('b', s('long double'), { aligned: 2 }), fd('c', s('short'))], { packed: true }),
      agg('struct', [fd('a', s('char')), fd('b', s('double'), { packed: true }), fd('c', s('double'), { packed: true, aligned: 4 })]),
      agg('struct', [fd('a', s('char')), fd('b', agg('struct', [fd('x', s('char'))], { aligned: 16 }))], { packed: true }),
      agg('struct', [fd('a', s('char')), fd('b', { kind: 'vector', elem: 'float', bytes: 32 })], { packed: true }),
    );
  });

  it('unions with bit-fields', async () => {
    await expectGccAgrees(
      agg('union', [bf('a', 'int', 3), bf('b', 'long long', 40), fd('c', s('char'))]),
      agg('union', [bf('a', 'int', 3), bf('b', 'long long', 40), fd('c', s('char'))], { packed: true }),
      agg('union', [bf('a', 'unsigned char', 7), bf('b', 'short', 11)]),
      agg('union', [bf('a', '_Bool', 1), fd('b', s('char'), { aligned: 8 })]),
    );
  });

  it('aligned(32) structs and unions', async () => {
    await expectGccAgrees(
      agg('struct', [fd('a', s('char'))], { aligned: 32 }),
      agg('struct', [fd('a', s('char')), fd('b', s('long double'))], { packed: true, aligned: 32 }),
      agg('union', [fd('a', s('int')), fd('b', s('char'), { aligned: 32 })], { aligned: 8 }),
      agg('struct', [fd('a', s('short')), bf('b', 'int', 5)], { aligned: 32 }),
    );
  });

  it('zero-length arrays, zero-size structs, arrays of aggregates', async () => {
    const zero = agg('struct', [fd('a', { kind: 'array', elem: s('int'), count: 0 })]);
    const odd = agg('struct', [fd('a', s('short')), fd('b', s('char'))]);
    await expectGccAgrees(
      zero,
      agg('struct', [fd('a', s('int')), fd('d', { kind: 'array', elem: s('double'), count: 0 })]),
      agg('struct', [fd('a', s('char')), fd('z', { kind: 'array', elem: s('long double'), count: 0 }), fd('b', s('char'))]),
      agg('struct', [fd('a', s('char')), fd('z', zero), fd('b', { kind: 'array', elem: zero, count: 3 }), fd('c', s('char'))]),
      agg('struct', [fd('a', s('char')), fd('o', { kind: 'array', elem: odd, count: 3 }), fd('c', s('char'))]),
      agg('union', [fd('a', { kind: 'array', elem: s('__int128'), count: 0 })]),
    );
  });

  // The Microsoft rules (x86_64-windows; elsewhere these check the SysV ones): a bit-field's unit is
  // its declared type, shared only by adjacent bit-fields of types of the same size.
  it('Microsoft bit-field units: same-size runs, a new unit at its type\'s alignment, the last unit whole', async () => {
    await expectGccAgrees(
      agg('struct', [bf('a', 'int', 1), bf('b', 'short', 1)]),
      agg('struct', [fd('a', s('char')), bf('b', 'int', 3)]),
      agg('struct', [fd('a', s('char')), bf('b', 'int', 3)], { packed: true }),
      agg('struct', [bf('a', 'char', 4), bf('b', 'unsigned char', 4), bf('c', '_Bool', 1), bf('d', 'char', 7)]),
      agg('struct', [fd('a', s('char')), bf('b', '_Bool', 1), bf('c', 'unsigned char', 4), bf('d', 'char', 3)]),
      agg('struct', [bf('a', 'int', 31), bf('b', 'unsigned int', 2), bf('c', 'long long', 33), bf('d', 'long long', 33)]),
      agg('struct', [bf('a', 'short', 3), bf('b', 'int', 3), bf('c', 'short', 3), fd('d', s('char'))]),
      agg('struct', [bf('a', 'unsigned long long', 1), bf('b', 'int', 1), bf('c', 'char', 1)]),
      agg('struct', [bf('a', 'short', 9), fd('b', s('char'))], { packed: true }),
      agg('struct', [bf('a', 'int', 3), bf('b', 'char', 2), bf('c', 'int', 3)], { packed: true }),
      agg('struct', [fd('a', s('char')), bf('b', 'long long', 3)], { packed: true }),
      agg('struct', [fd('a', s('double')), bf('b', 'char', 1), bf('c', 'unsigned char', 8)], { packed: true }),
      // Packed, a member's aligned(N) after a run: mingw gcc skips the rest of the unit, then aligns
      // only if the run's last bit was not known to be aligned enough (c at byte 5, not 6).
      agg('struct', [fd('a', s('char')), bf('b', 'int', 8), fd('c', s('char'), { aligned: 2 })], { packed: true }),
      agg('struct', [fd('a', s('char')), bf('b', 'int', 8), fd('c', s('short'), { aligned: 4 })], { packed: true }),
      agg('struct', [bf('a', 'int', 16), fd('c', s('char'), { aligned: 8 }), bf('d', 'short', 2)]),
      agg('struct', [bf('a', 'short', 3)], { aligned: 16 }),
      agg('struct', [bf('a', 'char', 3), bf('b', 'long long', 3)], { packed: true, aligned: 4 }),
    );
  });

  it('Microsoft zero-width bit-fields: only after a bit-field (the next member and the struct aligned to their type)', async () => {
    await expectGccAgrees(
      // GCC's manual (x86 Options, -mms-bitfields): t1 to t5.
      agg('struct', [bf('a', 'unsigned int', 12), zw('unsigned int'), bf('b', 'unsigned int', 12)]),
      agg('struct', [bf('a', 'char', 4), zw('short'), fd('b', s('char'))]),
      agg('struct', [bf('a', 'char', 4), zw('short'), fd('b', s('double'))]),
      agg('struct', [bf('a', 'char', 6), zw('int')]),
      agg('struct', [fd('a', s('char')), zw('int'), fd('b', s('char'))]),
      // First in the struct, after another zero-width one, of the run's own size, ending a struct.
      agg('struct', [zw('int'), fd('a', s('char'))]),
      agg('struct', [zw('long long'), bf('a', 'char', 3)]),
      agg('struct', [bf('a', 'char', 3), zw('int'), zw('long long'), fd('b', s('char'))]),
      agg('struct', [bf('a', 'int', 3), zw('unsigned int'), bf('b', 'int', 3)]),
      agg('struct', [bf('a', 'short', 3), zw('char'), bf('b', 'short', 3)]),
      agg('struct', [bf('a', 'char', 3), zw('char')]),
      // Packed: the next member goes to the next byte, but the struct still takes the type's alignment.
      agg('struct', [bf('a', 'char', 3), zw('int'), fd('b', s('char'))], { packed: true }),
      agg('struct', [bf('a', 'char', 3), zw('char'), fd('b', s('char'))], { packed: true }),
      agg('struct', [fd('a', s('char')), zw('long long'), bf('b', 'short', 2)], { packed: true }),
      // Unions: a zero-width bit-field does nothing; bit-fields are as wide as their bits.
      agg('union', [bf('a', 'char', 3), zw('long long')]),
      agg('union', [fd('a', s('char')), bf('b', 'int', 3)], { packed: true }),
      agg('union', [bf('a', '_Bool', 1), bf('b', 'long long', 40), fd('c', s('char'))]),
    );
  });

  it('Microsoft runs around nested aggregates and zero-size members', async () => {
    const inner = agg('struct', [bf('a', 'char', 3), bf('b', 'int', 4)]);
    const empty = agg('struct', []);
    await expectGccAgrees(
      agg('struct', [fd('x', s('char')), fd('s', inner), fd('y', s('char'))]),
      agg('struct', [bf('a', 'int', 3), fd('s', { kind: 'array', elem: inner, count: 2 }), bf('b', 'int', 3)]),
      agg('struct', [bf('a', 'int', 3), fd('z', { kind: 'array', elem: s('char'), count: 0 }), bf('b', 'char', 2)]),
      agg('struct', [bf('a', 'int', 3), fd('e', empty), bf('b', 'int', 3)]),
      agg('struct', [bf('a', 'short', 5), fd('u', agg('union', [bf('p', 'long long', 7), fd('q', s('char'))])), bf('b', 'short', 5)], { packed: true }),
    );
  });

  it('vectors align to their size, up to a per-target cap; _Complex aligns to its part', async () => {
    const v = (elem: ScalarName, bytes: number): CType => ({ kind: 'vector', elem, bytes });
    await expectGccAgrees(
      agg('struct', [fd('a', s('char')), fd('v', v('char', 4)), fd('w', v('double', 64))]),
      agg('struct', [fd('a', s('char')), fd('v', v('_Float16', 2)), fd('w', v('_Float16', 8))]),
      agg('struct', [fd('a', s('char')), fd('v', v('double', 32)), fd('w', v('int', 16))]),
      // 8-byte integer vectors are 4-aligned members on i386 (DImode, like long long); float ones are not.
      agg('struct', [fd('a', s('char')), fd('w', v('short', 8)), fd('b', s('char')), fd('f', v('float', 8))]),
      agg('struct', [fd('a', s('char')), fd('l', v('long long', 8)), fd('b', s('char')), fd('d', v('double', 8))]),
      agg('struct', [fd('a', s('char')), fd('w', { kind: 'array', elem: v('int', 8), count: 2 })]),
      agg('union', [fd('a', s('char')), fd('w', v('unsigned char', 8))]),
      agg('struct', [fd('a', s('char')), fd('c', { kind: 'complex', base: 'long double' }), fd('d', { kind: 'complex', base: 'float' })]),
      agg('struct', [fd('a', s('char')), fd('c', { kind: 'complex', base: 'double' })]),
      agg('struct', [fd('a', s('char')), fd('e', { kind: 'enum', name: 'h_e0', values: [1, -2] }), fd('p', { kind: 'pointer', to: s('int') })]),
    );
  });
});

// x86_64-windows' other compilers lay some aggregates out differently from mingw gcc: clang for
// x86_64-w64-mingw32 (ms_struct in clang's Itanium layout builder) and clang-cl (clang's Microsoft
// layout builder). Their data models (layout dialects of llp64), each against its compiler: the
// compiler under test builds a freestanding probe function (clang-cl has no C library here, /Zl)
// that stores what it knows in an array; a main built by mingw gcc prints it under wine.
describe('layout dialects on x86_64-windows agree with their compilers', () => {
  const win = TARGETS['x86_64-windows']!;
  const runner = runnerFor(win);
  beforeAll(async () => runner.prepare?.());

  /** A freestanding C function storing sizeof, __alignof__, offsets and bit positions of `aggs`. */
  function storingProbe(aggs: Aggregate[]): string {
    const out = [
      'static void bits(const unsigned char *p, unsigned long n, long long *o) {',
      '  long long lo = -1, hi = -1, count = 0;',
      '  for (unsigned long i = 0; i < n * 8; i++)',
      '    if ((p[i / 8] >> (i % 8)) & 1) { if (lo < 0) lo = (long long)i; hi = (long long)i; count++; }',
      '  o[0] = lo; o[1] = count; o[2] = hi;',
      '}',
      'int abifuzz_probe(long long *o) {',
      '  int k = 0;',
    ];
    for (const t of aggs) {
      const n = t.name;
      out.push(`  { static union { ${n} x; unsigned char b[sizeof(${n})]; } u;`);
      out.push(`    o[k++] = sizeof(${n}); o[k++] = __alignof__(${n});`);
      for (const f of t.fields) {
        if (f.bits === 0) continue;
        if (f.bits === undefined) out.push(`    o[k++] = __builtin_offsetof(${n}, ${f.name});`);
        else out.push(`    for (unsigned long i = 0; i < sizeof u.b; i++) u.b[i] = 0; u.x.${f.name} = -1; bits(u.b, sizeof u.b, o + k); k += 3;`);
      }
      out.push('  }');
    }
    out.push('  return k;', '}');
    return out.join('\n');
  }

  /** What `compiler` (clang-19 or clang-cl-19) says of `aggs`, as gccFacts has it. */
  async function compilerFacts(compiler: string, defs: string, aggs: Aggregate[]): Promise<Map<string, Facts>> {
    const dir = await mkdtemp(join(os.tmpdir(), 'abifuzz-layout-'));
    dirs.push(dir);
    await writeFile(join(dir, 'probe.c'), `${defs}\n${storingProbe(aggs)}\n`);
    const tc = resolveToolchain(win, compiler);
    const args = tc.family === 'clang-cl' ? ['/Od', '-w', '/c', 'probe.c', '/Foprobe.obj'] : ['-w', '-O0', '-c', 'probe.c', '-o', 'probe.obj'];
    const cc = await execa(tc.bin, [...tc.targetArgs, ...args], { cwd: dir, reject: false });
    if (cc.exitCode !== 0) throw new Error(`${compiler} failed:\n${cc.stdout}${cc.stderr}`.slice(0, 4000));
    const slots = aggs.reduce((n, t) => n + 2 + t.fields.reduce((m, f) => m + (f.bits === 0 ? 0 : f.bits === undefined ? 1 : 3), 0), 0);
    const main = `#include <stdio.h>
int abifuzz_probe(long long *o);
static long long o[${slots + 1}];
int main(void) {
  int n = abifuzz_probe(o);
  for (int i = 0; i < n; i++) printf("%lld\\n", o[i]);
  return 0;
}
`;
    await writeFile(join(dir, 'main.c'), main);
    const ld = await execa(win.toolchains.gcc, ['-w', '-o', 'probe.exe', 'main.c', 'probe.obj'], { cwd: dir, reject: false });
    if (ld.exitCode !== 0) throw new Error(`${win.toolchains.gcc} failed:\n${ld.stderr.slice(0, 4000)}`);
    const [file, args2] = runner.command(join(dir, 'probe.exe'));
    const out = join(dir, 'probe.out');
    const run = await execa(file, args2, { cwd: dir, reject: false, env: runner.env, stdout: { file: out }, stderr: 'ignore' });
    if (run.exitCode !== 0) throw new Error(`probe exited ${run.exitCode}`);
    const v = (await readFile(out, 'utf8')).split(/\r?\n/).filter(Boolean).map(Number);
    expect(v.length, 'values the probe stored').toBe(slots);
    const facts = new Map<string, Facts>();
    let k = 0;
    for (const t of aggs) {
      const m: Facts = new Map([['size', String(v[k++])], ['align', String(v[k++])]]);
      for (const f of t.fields) {
        if (f.bits === 0) continue;
        if (f.bits === undefined) m.set(f.name, `bit ${v[k++]! * 8}`);
        else {
          const [lo, count, hi] = [v[k++]!, v[k++]!, v[k++]!];
          m.set(f.name, lo < 0 ? 'no bits set' : hi - lo + 1 === count ? bitsFact(lo, count) : `bits ${lo}..${hi}, ${count} set`);
        }
      }
      facts.set(t.name, m);
    }
    return facts;
  }

  /**
   * clang-cl refuses arrays of a type whose size is not a multiple of its alignment, which its
   * empty structs can be (`struct { long long z[0]; }` is 4 bytes, 8-aligned): aggregates holding
   * one are not its C.
   */
  const clangClRefuses = (t: CType): boolean => {
    switch (t.kind) {
      case 'array': {
        const e = layoutOf(t.elem, llp64ClangCl);
        return e.size % e.align !== 0 || clangClRefuses(t.elem);
      }
      case 'struct':
      case 'union': return t.fields.some((f) => clangClRefuses(f.type));
      default: return false;
    }
  };

  describe.concurrent.each([
    { compiler: 'clang-19', dm: llp64Clang, name: 'llp64Clang' },
    { compiler: 'clang-cl-19', dm: llp64ClangCl, name: 'llp64ClangCl' },
  ])('$name against $compiler', ({ compiler, dm }) => {
    const failuresOf = async (aggs: Aggregate[], defs = definitions(aggs)): Promise<string[]> =>
      mismatches(aggs, await compilerFacts(compiler, defs, aggs), dm).map((m) => m.replaceAll(', gcc ', `, ${compiler} `));
    const reportOf = (failures: string[], total: number): string => `${failures.length} of ${total} aggregates differ from ${compiler}:\n\n${failures.slice(0, 12).join('\n\n')}`;
    async function expectAgrees(...aggs: Aggregate[]): Promise<void> {
      const failures = await failuresOf(aggs);
      expect(failures, reportOf(failures, aggs.length)).toEqual([]);
    }

    it('for every struct and union of 300 generated signatures (long double too: clang-cl\'s is double)', async () => {
      const sigs = generateSignatures(llp64, { ...DEFAULT_LIMITS, float16: true }, 20240601, 0, 300)
        .filter((sig) => dm !== llp64ClangCl || !signatureTypes(sig).some(clangClRefuses));
      const aggs = sigs.flatMap((sig) => signatureTypes(sig).filter(isAggregate));
      expect(aggs.length).toBeGreaterThan(300);
      // The dialect is one: dozens of these aggregates are laid out otherwise by mingw gcc.
      const key = (t: Aggregate, m: DataModel): string => JSON.stringify([...modelFacts(t, m)]);
      expect(aggs.filter((t) => key(t, dm) !== key(t, llp64)).length).toBeGreaterThan(40);
      const failures = await failuresOf(aggs, sigs.map(declarationWithTypes).join('\n'));
      expect(failures, reportOf(failures, aggs.length)).toEqual([]);
    });

    it('empty structs and unions: 4 bytes with clang-cl, a zero-width bit-field a byte in a clang union', async () => {
      const empty = agg('struct', []);
      await expectAgrees(
        empty,
        agg('struct', [zw('int')]),
        agg('struct', [fd('a', { kind: 'array', elem: s('char'), count: 0 })]),
        agg('union', []),
        agg('union', [zw('short')]),
        agg('struct', [zw('long long')], { aligned: 8 }),
        agg('struct', [], { aligned: 2 }),
        agg('struct', [zw('int')], { packed: true, aligned: 16 }),
        agg('struct', [fd('c', s('char')), fd('e', empty), fd('d', s('char'))]),
        agg('struct', [fd('c', s('char')), fd('e', { kind: 'array', elem: empty, count: 3 }), fd('d', s('char'))]),
        agg('struct', [bf('a', 'int', 3), fd('e', empty), bf('b', 'int', 3)]),
        agg('struct', [fd('a', s('int')), fd('z', { kind: 'array', elem: s('double'), count: 0 })]),
      );
    });

    it('unions with bit-fields: the type\'s whole size, no alignment; zero-width ones', async () => {
      await expectAgrees(
        agg('union', [fd('a', s('char')), bf('b', 'int', 3)]),
        agg('union', [fd('a', s('char')), bf('b', 'int', 3)], { packed: true }),
        agg('union', [bf('a', 'char', 3), zw('long long')]),
        agg('union', [bf('a', 'char', 3), zw('long long')], { packed: true }),
        agg('union', [fd('a', s('char')), zw('long long')]),
        agg('union', [zw('int'), bf('a', 'short', 3)]),
        agg('union', [bf('a', 'int', 3), bf('b', 'long long', 40), fd('c', s('char'))]),
        agg('union', [bf('a', '_Bool', 1), fd('b', s('char'), { aligned: 8 })]),
        agg('union', [bf('a', 'short', 3), bf('b', 'long long', 3)], { aligned: 2 }),
        agg('struct', [fd('c', s('char')), fd('u', agg('union', [bf('a', 'int', 1)]))]),
      );
    });

    it('packed structs with bit-fields: clang ignores packed for them, clang-cl does not', async () => {
      await expectAgrees(
        agg('struct', [fd('a', s('char')), bf('b', 'int', 3)], { packed: true }),
        agg('struct', [bf('a', 'short', 9), fd('b', s('char'))], { packed: true }),
        agg('struct', [bf('a', 'char', 3), zw('int'), fd('b', s('char'))], { packed: true }),
        agg('struct', [bf('a', 'char', 3), zw('char'), fd('b', s('char'))], { packed: true }),
        agg('struct', [bf('a', 'long long', 3), zw('char'), fd('b', s('char'))], { packed: true }),
        agg('struct', [bf('a', 'int', 3), zw('unsigned int'), bf('b', 'int', 3)], { packed: true }),
        agg('struct', [bf('a', 'int', 30), bf('b', 'int', 4)], { packed: true }),
        agg('struct', [bf('a', 'char', 3), bf('b', 'long long', 3)], { packed: true, aligned: 4 }),
        agg('struct', [fd('a', s('double')), bf('b', 'char', 1), bf('c', 'unsigned char', 8)], { packed: true }),
        agg('struct', [bf('a', 'short', 5), fd('u', agg('union', [bf('p', 'long long', 7), fd('q', s('char'))])), bf('b', 'short', 5)], { packed: true }),
      );
    });

    it('a member\'s aligned(N) after a run: met (no known_align quirk)', async () => {
      await expectAgrees(
        agg('struct', [fd('a', s('char')), bf('b', 'int', 8), fd('c', s('char'), { aligned: 2 })], { packed: true }),
        agg('struct', [fd('a', s('char')), bf('b', 'int', 8), fd('c', s('short'), { aligned: 4 })], { packed: true }),
        agg('struct', [fd('a', s('char')), bf('b', 'short', 3), fd('c', s('char'), { aligned: 4 }), bf('d', 'long long', 3)], { packed: true }),
        agg('struct', [bf('a', 'int', 16), fd('c', s('char'), { aligned: 8 }), bf('d', 'short', 2)]),
      );
    });

    it('packed never lowers what clang-cl requires: aligned(N) aggregates and their members', async () => {
      const a16 = agg('struct', [fd('x', s('char'))], { aligned: 16 });
      const a2d = agg('struct', [fd('d', s('double'))], { aligned: 2 });
      const r8 = agg('struct', [fd('x', s('char')), fd('y', s('int'), { aligned: 8 })]);
      const r4d = agg('struct', [fd('x', s('double')), fd('y', s('char'), { aligned: 4 })]);
      await expectAgrees(
        agg('struct', [fd('a', s('char')), fd('b', a16)], { packed: true }),
        agg('struct', [fd('a', s('char')), fd('b', a16, { packed: true })]),
        agg('struct', [fd('a', s('char')), fd('b', a2d)], { packed: true }),
        agg('struct', [fd('a', s('char')), fd('b', r8)], { packed: true }),
        agg('struct', [fd('a', s('char')), fd('b', r4d)], { packed: true }),
        agg('struct', [fd('a', s('char')), fd('b', r4d, { packed: true })]),
        agg('struct', [fd('a', s('char')), fd('b', { kind: 'array', elem: a16, count: 2 })], { packed: true }),
        agg('struct', [fd('a', s('char')), fd('b', { kind: 'array', elem: r8, count: 0 }), fd('c', s('char'))], { packed: true }),
        agg('struct', [fd('a', s('char')), fd('b', agg('struct', [fd('i', r8)])), fd('c', s('char'))], { packed: true }),
        agg('union', [fd('a', s('char')), fd('b', r8)], { packed: true }),
        agg('struct', [fd('a', s('char')), fd('b', s('int'), { aligned: 16 })], { packed: true }),
        agg('struct', [fd('a', s('char')), fd('b', s('double'), { packed: true }), fd('c', s('double'), { packed: true, aligned: 4 })]),
      );
    });

    it('Microsoft bit-field units and zero-width bit-fields as mingw gcc has them', async () => {
      await expectAgrees(
        agg('struct', [bf('a', 'int', 1), bf('b', 'short', 1)]),
        agg('struct', [fd('a', s('char')), bf('b', 'int', 3)]),
        agg('struct', [fd('a', s('char')), bf('b', '_Bool', 1), bf('c', 'unsigned char', 4), bf('d', 'char', 3)]),
        agg('struct', [bf('a', 'int', 31), bf('b', 'unsigned int', 2), bf('c', 'long long', 33), bf('d', 'long long', 33)]),
        agg('struct', [bf('a', 'unsigned int', 12), zw('unsigned int'), bf('b', 'unsigned int', 12)]),
        agg('struct', [bf('a', 'char', 4), zw('short'), fd('b', s('char'))]),
        agg('struct', [bf('a', 'char', 4), zw('short'), fd('b', s('double'))]),
        agg('struct', [bf('a', 'char', 6), zw('int')]),
        agg('struct', [fd('a', s('char')), zw('int'), fd('b', s('char'))]),
        agg('struct', [zw('long long'), bf('a', 'char', 3)]),
        agg('struct', [bf('a', 'char', 3), zw('int'), zw('long long'), fd('b', s('char'))]),
        agg('struct', [bf('a', 'short', 3)], { aligned: 16 }),
        agg('struct', [bf('a', 'int', 3), fd('z', { kind: 'array', elem: s('char'), count: 0 }), bf('b', 'char', 2)]),
        agg('struct', [fd('x', s('char')), fd('s', agg('struct', [bf('a', 'char', 3), bf('b', 'int', 4)])), fd('y', s('char'))]),
        agg('struct', [fd('a', s('char')), fd('l', s('long double')), fd('c', { kind: 'complex', base: 'long double' })], { packed: true }),
      );
    });
  });
});
