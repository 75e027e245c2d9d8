// bug.c: a value finding (arg or return) as one short C file a compiler developer pastes into a bug
// tracker as it is. No abifuzz runtime and no header but <stdio.h> and <string.h>; -DSIDE_CALLEE gives
// the function (it checks what it received), -DSIDE_CALLER gives main (builds the arguments, calls,
// checks the return value); the types and the prototype are shared above both. Values come from the
// project's value plan (src/emit/plan.ts): every leaf has distinct bytes, so a misread names its field.
// Only the failing leaves are checked; every argument is still passed with its planned value (its type
// shapes the registers, its bytes show where a misread came from). Pure: data in, text out.
import { compileArgs, linkArgs } from '../../harness/build.js';
import { isCxx, sideLabel, type Side } from '../../harness/toolchains/toolchain.js';
import type { Finding } from '../check/finding.js';
import { bytesLiteral, declarator, typeName } from '../emit/c-types.js';
import { CXX_CLOSE, CXX_LINKAGE } from '../emit/cxx.js';
import { declarationWithTypes, prototype } from '../emit/declaration.js';
import { imageOf } from '../emit/image.js';
import { planFunction, type PlannedLeaf, type PlannedValue } from '../emit/plan.js';
import { bitsChecks, significantRanges } from '../emit/statements.js';
import type { DataModel } from '../model/data-model.js';
import { leavesOf, parseLeafPath } from '../model/leaves.js';
import { alignOf } from '../model/layout.js';
import { enumBits, enumWidth, functionTarget, functionTargetResult, FUNCTION_TARGETS, isAggregate, signatureTypes, type CType, type Field, type Signature } from '../model/types.js';
import { runnerEnv, shLine } from './repro-commands.js';

/** One side's compiler: toolchain and flags as the finding had them, and the first line of its --version. */
export interface BugCompiler extends Side {
  version: string;
}

export interface BugMeta {
  /** Target id: x86_64-linux, aarch64-linux, ... */
  target: string;
  /** Compiler A: builds main, the finding's caller. */
  caller: BugCompiler;
  /** Compiler B: builds the function, the finding's callee. */
  callee: BugCompiler;
  /** The target's gcc with its link flags: links every pair, as the pipeline does. */
  linker: Side;
  /** argv that runs a program before its path: [] natively, ['qemu-aarch64'], ['wine']. */
  runner: string[];
  /** Environment of runs (wine's prefix). */
  runnerEnv?: Record<string, string>;
  /** Where the finding came from, for the header: "abifuzz seed 3, path 12". */
  origin?: string;
}

export interface BugInput {
  /** The function, already named (f<index>). */
  sig: Signature;
  dataModel: DataModel;
  /** Its index salts the values; its mismatches name the leaves to check. */
  finding: Finding;
  meta: BugMeta;
}

/** The macro that selects each side, and the object file each compile writes. */
export const SIDE_MACRO = { caller: 'SIDE_CALLER', callee: 'SIDE_CALLEE' } as const;

/** The compile of one side of bug.c into `obj` by `side`'s compiler, with its exact flags. */
export const compileBugC = (side: Side, role: 'caller' | 'callee', obj: string): string[] =>
  [side.tc.bin, ...compileArgs(side, 'bug.c', obj), `-D${SIDE_MACRO[role]}`];

/** The link of a caller and a callee object into `exe`, by the target's gcc. */
export const linkBugC = (linker: Side, objs: string[], exe: string): string[] => [linker.tc.bin, ...linkArgs(linker, objs, exe)];

/** The leaf paths the finding says disagreed (the first is the one a reproduction must still name). */
export function failingLeaves(f: Finding): string[] {
  if (f.kind !== 'arg' && f.kind !== 'return') return [];
  const side = f.kind === 'arg' ? 'callee' : 'caller';
  const paths = f.mismatches?.filter((m) => m.side === side).map((m) => m.path) ?? (f.path ? [f.path] : []);
  const wanted = (p: string): boolean => {
    const lp = parseLeafPath(p);
    return lp !== null && (lp.root === 'ret') === (f.kind === 'return');
  };
  return [...new Set(paths.filter(wanted))];
}

const indent = (lines: string[], by = '  '): string[] => lines.map((l) => `${by}${l}`);
const commentSafe = (s: string): string => s.replace(/\*\//g, '* /');
const vectorRename = (text: string): string => text.replace(/\babifuzz_v(\d+)_/g, 'vec$1_');

/** A string literal of `bytes`; past 24 bytes, split into 16-byte pieces on lines of their own. */
function literal(bytes: Uint8Array): string[] {
  if (bytes.length <= 24) return [bytesLiteral(bytes)];
  const out: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) out.push(bytesLiteral(bytes.subarray(i, i + 16)));
  return out;
}

/** `head<literal>tail` on one line, or head / the literal's pieces / tail over several. */
function withLiteral(head: string, bytes: Uint8Array, tail: string): string[] {
  const lit = literal(bytes);
  if (lit.length === 1) return [`${head}${lit[0]}${tail}`];
  return [head.trimEnd(), ...indent(lit, '    ').map((l, i) => (i === lit.length - 1 ? `${l}${tail}` : l))];
}

const HELPERS = {
  bytes: [
    '/* Bytes in memory order, as hex. */',
    'static int differs(const char *leaf, const void *got, const void *want, int n) {',
    '  const unsigned char *g = got, *w = want;',
    '  if (memcmp(g, w, n) == 0) return 0;',
    '  printf("%s: expected ", leaf);',
    '  for (int i = 0; i < n; i++) printf("%02x", w[i]);',
    '  printf(" received ");',
    '  for (int i = 0; i < n; i++) printf("%02x", g[i]);',
    '  printf("\\n");',
    '  return 1;',
    '}',
  ],
  value: [
    '/* Bit-fields, enums and pointers: the value. */',
    'static int differs_value(const char *leaf, unsigned long long got, unsigned long long want) {',
    '  if (got == want) return 0;',
    '  printf("%s: expected %llx received %llx\\n", leaf, want, got);',
    '  return 1;',
    '}',
  ],
};

/**
 * The signature as bug.c declares it: `packed` dropped from the (non-bit-field) members whose type is
 * 1-aligned anyway, where it changes nothing and gcc says so ("'packed' attribute ignored for field
 * of type 'char'", on by default): bug.c compiles without a warning. Shared types stay shared.
 */
function withoutIdlePacked(sig: Signature, dm: DataModel): Signature {
  const done = new Map<CType, CType>();
  const clean = (t: CType): CType => {
    let out = done.get(t);
    if (out) return out;
    switch (t.kind) {
      case 'struct':
      case 'union': {
        const fields = t.fields.map((f): Field => {
          const { packed, ...rest } = f;
          const idle = packed && f.bits === undefined && alignOf(f.type, dm) === 1;
          return { ...rest, type: clean(f.type), ...(packed && !idle ? { packed } : {}) };
        });
        out = { ...t, fields };
        break;
      }
      case 'array':
        out = { ...t, elem: clean(t.elem) };
        break;
      case 'pointer':
        out = { ...t, to: clean(t.to) };
        break;
      default:
        out = t;
    }
    done.set(t, out);
    return out;
  };
  return {
    ...sig,
    ret: sig.ret === 'void' ? 'void' : clean(sig.ret),
    params: sig.params.map((p) => ({ type: clean(p.type) })),
    variadic: sig.variadic?.map((p) => ({ type: clean(p.type) })) ?? null,
  };
}

/** Whether `t` is, or holds, an aggregate or member with an aligned(N) attribute. */
const userAligned = (t: CType): boolean =>
  t.kind === 'array' ? userAligned(t.elem) : isAggregate(t) && (t.aligned !== undefined || t.fields.some((f) => f.aligned !== undefined || userAligned(f.type)));

/**
 * gcc's -Wpacked-not-aligned (in -Wall) says a packed aggregate holds a member whose type asked for
 * more alignment: true of the finding's types as they are, so bug.c silences it for gcc (clang
 * knows no such warning). Approximate on the safe side: any packed member of a user-aligned type.
 */
function packedNotAlignedPragma(sig: Signature): string[] {
  const hit = signatureTypes(sig).some((t) => isAggregate(t) && t.fields.some((f) => (t.packed || f.packed) && userAligned(f.type)));
  return hit ? ['#ifndef __clang__ /* gcc: "alignment 1 of ... is less than 16" is what these types are */', '#pragma GCC diagnostic ignored "-Wpacked-not-aligned"', '#endif'] : [];
}

/** Types the default argument promotions change: clang warns (-Wvarargs) when va_start names one. */
const PROMOTED: ReadonlySet<string> = new Set(['char', 'signed char', 'unsigned char', 'short', 'unsigned short', '_Bool', 'float']);
const VARARGS_PRAGMA = [
  '#ifdef __clang__ /* the last named parameter is promoted when passed: va_start still finds what follows it */',
  '#pragma clang diagnostic ignored "-Wvarargs"',
  '#endif',
];

/** A value to check: the leaves the finding names, and the pointee objects its pointers need. */
interface Checked {
  v: PlannedValue;
  leaves: PlannedLeaf[];
  objects: { name: string; value: PlannedValue }[];
}

/** Short names for pointee objects: o<ordinal>, from the plan's abifuzz_o<fn>_<ordinal>. */
const objectName = (planned: string): string => `o${planned.replace(/^.*_/, '')}`;

/** The pointee objects of `v` (each with its own leaves, which follow its pointer's in plan order). */
function objectsOf(v: PlannedValue, dm: DataModel): { name: string; value: PlannedValue }[] {
  return v.leaves.flatMap((l, i) => {
    if (l.kind !== 'pointer') return [];
    const n = leavesOf(l.to, '', '', dm).length;
    return [{ name: objectName(l.object), value: { variable: objectName(l.object), path: `*${l.path}`, type: l.to, leaves: v.leaves.slice(i + 1, i + 1 + n) } }];
  });
}

/**
 * Statements that give `variable` its planned bytes (padding included). With `withObjects`, its
 * pointers, nested ones too, then point at their objects (built before, bytes only), in plan order.
 */
function build(v: PlannedValue, dm: DataModel, withObjects: boolean, declare: boolean): string[] {
  const out = declare ? [`${declarator(v.type, v.variable)};`] : [];
  out.push(...withLiteral(`memcpy(&${v.variable}, `, imageOf(v, dm).bytes, `, sizeof ${v.variable});`));
  if (withObjects)
    for (const l of v.leaves) {
      if (l.kind === 'pointer') out.push(`${l.expr} = &${objectName(l.object)};`);
      if (l.kind === 'function') out.push(`${l.expr} = ${functionTarget(l.target)};`);
    }
  return out;
}

/** `<into> |= differs(...)` for each byte range of one leaf. */
function checkLeaf(l: PlannedLeaf, into: string): string[] {
  const name = JSON.stringify;
  switch (l.kind) {
    case 'bytes':
      return significantRanges(l).flatMap(([from, to]) => {
        const label = name(from ? `${l.path}@${from}` : l.path);
        const at = from ? `(const unsigned char *)&${l.expr} + ${from}` : `&${l.expr}`;
        return withLiteral(`${into} |= differs(${label}, ${at}, `, l.bytes.subarray(from, to), `, ${to - from});`);
      });
    case 'bits':
      return bitsChecks(l).map(([got, want]) => `${into} |= differs_value(${name(l.path)}, ${got}, ${want});`);
    case 'enum': {
      const bits = enumWidth(l.type) * 8;
      const want = enumBits(l.type, l.index);
      const mask = ((1n << BigInt(bits)) - 1n).toString(16);
      return [`${into} |= differs_value(${name(l.path)}, (unsigned long long)(${l.expr}) & 0x${mask}ULL, 0x${want.toString(16)}ULL);`];
    }
    case 'pointer':
      return [`${into} |= differs_value(${name(l.path)}, (unsigned long long)(size_t)${l.expr}, (unsigned long long)(size_t)&${objectName(l.object)});`];
    case 'function':
      return [`${into} |= differs_value(${name(l.path)}, (unsigned long long)(size_t)${l.expr}, (unsigned long long)(size_t)${functionTarget(l.target)});`];
  }
}

/** `cplusplus`: a side compiles bug.c as C++, which converts no void * implicitly. */
function helpersFor(leaves: PlannedLeaf[], cplusplus: boolean): string[] {
  const out: string[] = [];
  const castVoid = (l: string): string => l.replace('*g = got, *w = want', '*g = (const unsigned char *)got, *w = (const unsigned char *)want');
  if (leaves.some((l) => l.kind === 'bytes')) out.push(...(cplusplus ? HELPERS.bytes.map(castVoid) : HELPERS.bytes));
  if (leaves.some((l) => l.kind !== 'bytes')) out.push(...HELPERS.value);
  return out;
}

function header(input: BugInput, what: string, run: string): string[] {
  const { meta, sig } = input;
  const who = (c: BugCompiler): string => `${c.version}${c.flags.length ? `; flags ${c.flags.join(' ')}` : ''}`;
  const env = runnerEnv(meta.runnerEnv); // wine's prefix: the reader's own, not this machine's path
  return [
    `/* ${commentSafe(`bug.c: ${sideLabel(meta.caller)} (caller) and ${sideLabel(meta.callee)} (callee) disagree on ${what} of ${sig.name}, ${meta.target}.`)}`,
    ` *   caller: ${commentSafe(who(meta.caller))}`,
    ` *   callee: ${commentSafe(who(meta.callee))}`,
    ' * -DSIDE_CALLER gives main (builds the arguments, calls, checks the return value), -DSIDE_CALLEE the',
    ` * function (checks what it received). Build each side with its compiler, link, run:`,
    ` *   $ ${commentSafe(shLine(compileBugC(meta.caller, 'caller', 'caller.o')))}`,
    ` *   $ ${commentSafe(shLine(compileBugC(meta.callee, 'callee', 'callee.o')))}`,
    ` *   $ ${commentSafe(shLine(linkBugC(meta.linker, ['caller.o', 'callee.o'], 'bug.exe')))}`,
    ` *   $ ${commentSafe([...env, shLine([...meta.runner, run])].join(' '))}`,
    ' * It prints each value that differs, expected vs received (hex: bytes in memory order), and exits 1;',
    ' * with both sides built by the same compiler it prints nothing and exits 0. Every leaf has its own',
    ` * bytes, so received bytes show where they came from.${meta.origin ? ` Found by ${commentSafe(meta.origin)}.` : ''}`,
    ' */',
  ];
}

/**
 * bug.c for an `arg` or `return` finding; null for every other kind (crashes, contract and compiler
 * findings keep repro.sh), for a side that is the psABI model, and when the finding's leaves are not
 * in the signature's value plan.
 */
export function bugC(input: BugInput): string | null {
  const { sig, dataModel: dm, finding: f, meta } = input;
  if (f.kind !== 'arg' && f.kind !== 'return') return null;
  if (meta.caller.tc.family === 'model' || meta.callee.tc.family === 'model') return null;
  const failing = new Set(failingLeaves(f));
  const plan = planFunction(sig, f.index, dm);
  const args = [...plan.args, ...plan.variadic];
  const checkedOf = (v: PlannedValue): Checked | null => {
    const leaves = v.leaves.filter((l) => failing.has(l.path));
    return leaves.length ? { v, leaves, objects: objectsOf(v, dm) } : null;
  };
  const checkedArgs = f.kind === 'arg' ? args.map(checkedOf) : args.map(() => null);
  const checkedRet = f.kind === 'return' && plan.ret ? checkedOf(plan.ret) : null;
  const calleeLeaves = checkedArgs.flatMap((c) => c?.leaves ?? []);
  if (!calleeLeaves.length && !checkedRet) return null;

  const objects = [...checkedArgs.flatMap((c) => c?.objects ?? []), ...(checkedRet?.objects ?? [])];
  // A C++ side (g++, clang++-19): C linkage and C's _Bool for what follows, closed at the end.
  const cplusplus = isCxx(meta.caller) || isCxx(meta.callee);
  const shared = [
    '#include <stdio.h>',
    '#include <string.h>',
    '',
    ...(cplusplus ? CXX_LINKAGE : []),
    ...packedNotAlignedPragma(sig),
    declarationWithTypes(withoutIdlePacked(sig, dm)),
    ...(calleeLeaves.length ? ['extern int callee_saw_wrong; /* set by the callee when what it received differs */'] : []),
    ...objects.map((o) => `extern ${declarator(o.value.type, o.name)};`),
  ];

  const callee: string[] = [];
  if (calleeLeaves.length) callee.push('int callee_saw_wrong;');
  for (const o of checkedRet?.objects ?? []) callee.push(`${declarator(o.value.type, o.name)};`);
  callee.push(...helpersFor(calleeLeaves, cplusplus), `${prototype(sig)} {`);
  const lastChecked = checkedArgs.reduce((last, c, k) => (c && k >= plan.args.length ? k : last), -1);
  if (lastChecked >= 0) {
    const last = plan.args[plan.args.length - 1]!.type;
    if (last.kind === 'scalar' && PROMOTED.has(last.name)) callee.splice(callee.length - 1, 0, ...VARARGS_PRAGMA);
    callee.push('  __builtin_va_list ap;', `  __builtin_va_start(ap, a${plan.args.length - 1});`);
    for (let k = plan.args.length; k <= lastChecked; k++) {
      const v = args[k]!;
      const read = `__builtin_va_arg(ap, ${typeName(v.type)})`;
      callee.push(checkedArgs[k] ? `  ${declarator(v.type, v.variable)} = ${read};` : `  (void)${read};`);
    }
    callee.push('  __builtin_va_end(ap);');
  }
  for (const c of checkedArgs) if (c) callee.push(...indent(c.leaves.flatMap((l) => checkLeaf(l, 'callee_saw_wrong'))));
  if (plan.ret) {
    const objs = checkedRet?.objects ?? [];
    callee.push(...indent(objs.flatMap((o) => build(o.value, dm, false, false))));
    callee.push(...indent(build(plan.ret, dm, checkedRet !== null, true)), '  return r;');
  }
  callee.push('}');

  const caller: string[] = [];
  // Function pointers point at these (the runtime defines them in abifuzz's own batches).
  if (signatureTypes(sig).some((t) => t.kind === 'fnptr'))
    for (let k = 0; k < FUNCTION_TARGETS; k++) caller.push(`int ${functionTarget(k)}(int x) { return x * ${k + 3} + ${functionTargetResult(k, 0)}; }`);
  const argObjects = checkedArgs.flatMap((c) => c?.objects ?? []);
  for (const o of argObjects) caller.push(`${declarator(o.value.type, o.name)};`);
  caller.push(...helpersFor(checkedRet?.leaves ?? [], cplusplus), 'int main(void) {');
  caller.push(...indent(argObjects.flatMap((o) => build(o.value, dm, false, false))));
  args.forEach((v, k) => caller.push(...indent(build(v, dm, checkedArgs[k] !== null, true))));
  const call = `${sig.name}(${args.map((v) => v.variable).join(', ')});`;
  if (checkedRet) {
    caller.push(`  ${declarator(checkedRet.v.type, 'r')} = ${call}`);
    caller.push(`  int bad = ${calleeLeaves.length ? 'callee_saw_wrong' : '0'};`);
    caller.push(...indent(checkedRet.leaves.flatMap((l) => checkLeaf(l, 'bad'))), '  return bad;');
  } else caller.push(`  ${call}`, '  return callee_saw_wrong;');
  caller.push('}');

  const failingArgs = checkedArgs.flatMap((c, k) => (c ? [k] : []));
  const what = f.kind === 'return' ? 'the return value' : `${failingArgs.length > 1 ? 'arguments' : 'argument'} ${failingArgs.join(', ')}`;
  const text = [
    ...header(input, what, './bug.exe'),
    ...shared,
    '',
    `#ifdef ${SIDE_MACRO.callee}`,
    ...callee,
    `#endif /* ${SIDE_MACRO.callee} */`,
    '',
    `#ifdef ${SIDE_MACRO.caller}`,
    ...caller,
    `#endif /* ${SIDE_MACRO.caller} */`,
    ...(cplusplus ? CXX_CLOSE : []),
    '',
  ].join('\n');
  return vectorRename(text);
}
