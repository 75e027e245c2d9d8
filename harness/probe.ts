// "Can this toolchain express that?" answered by a tiny compile, cached per run and per (compiler,
// target arguments, flags, source). No hand-kept matrix: the compiler itself says. A probe that
// crashes the compiler or hangs is reported as such, never read as "rejects".
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { FLOAT_128, FLOAT_N, type CType, type Signature } from '../src/model/types.js';
import { compile, firstError, type BuildContext, type CompileOutcome } from './build.js';
import type { Side } from './toolchains/toolchain.js';

export type ProbeOutcome =
  | { kind: 'accepted' }
  | { kind: 'rejected'; message: string }
  | { kind: 'crashed'; message: string; command: string; source: string }
  | { kind: 'timed-out'; command: string; source: string }
  | { kind: 'interrupted' };

const SNIPPETS: Record<string, string> = {
  _Float16: '_Float16 f(_Float16 x) { return x; }',
  __bf16: '__bf16 f(__bf16 x) { return x; }',
  __int128: '__int128 f(__int128 x) { return x; }',
  'vector _Float16': 'typedef _Float16 v __attribute__((vector_size(16))); v f(v x) { return x; }',
  // One feature per band of widths the generator draws (generators/scalars.ts bitIntType).
  '_BitInt(64)': '_BitInt(64) f(unsigned _BitInt(1) b, _BitInt(64) x) { return x + b; }',
  '_BitInt(128)': '_BitInt(128) f(_BitInt(128) x) { return x; }',
  '_BitInt(256)': '_BitInt(256) f(_BitInt(256) x) { return x; }',
  // TS 18661-3 types and binary128: gcc 12 takes them all on x86 (no __float128 on aarch64 or
  // riscv64; no _Float64x or _Float128 on armhf); clang-13..22 take only __float128 (x86).
  _Float32: '_Float32 f(_Float32 x) { return x; }',
  _Float64: '_Float64 f(_Float64 x) { return x; }',
  _Float32x: '_Float32x f(_Float32x x) { return x; }',
  _Float64x: '_Float64x f(_Float64x x) { return x; }',
  __float128: '__float128 f(__float128 x) { return x; }',
  _Float128: '_Float128 f(_Float128 x) { return x; }',
  'vector __bf16': 'typedef __bf16 v __attribute__((vector_size(16))); v f(v x) { return x; }',
  _Atomic: 'typedef struct { char a[3]; } s; _Atomic(s) f(_Atomic(s) x, _Atomic(int) y) { (void)y; return x; }',
  'flexible array member': 'struct s { int a; char t[]; }; struct s f(struct s x) { return x; }',
};

/** The probe feature of a `_BitInt` width: its band's widest. */
export const bitIntFeature = (bits: number): string => `_BitInt(${bits <= 64 ? 64 : bits <= 128 ? 128 : 256})`;

/** Scalars whose own name is the feature a compiler may reject. */
const PROBED_SCALARS: ReadonlySet<string> = new Set(['_Float16', '__bf16', ...FLOAT_N, ...FLOAT_128]);

/**
 * The probe source of a feature: a snippet, or a function with a convention attribute. A compiler
 * that does not know the attribute only warns ("unknown attribute 'preserve_none' ignored":
 * clang-16 and older; clang and sseregparm) and compiles the function as C, so the probe asks
 * __has_attribute first and rejects it then.
 */
export function featureSource(feature: string): string {
  const cc = feature.startsWith('convention ') ? feature.slice('convention '.length) : null;
  if (!cc) return `${SNIPPETS[feature]}\n`;
  // __name__: a side that empties the attribute with -Dname= (to plant a bug) still has it known.
  const name = cc.replace(/\(.*$/, '');
  return [
    '#if defined(__has_attribute)',
    `#if !__has_attribute(__${name}__)`,
    `#error the compiler does not know the attribute ${name}`,
    '#endif',
    '#endif',
    `int __attribute__((${cc})) f(int a, double b) { return a + (int)b; }`,
    '',
  ].join('\n');
}

/** Features of a signature that some compiler of a target may reject. */
export function featuresOf(sig: Signature): string[] {
  const out = new Set<string>();
  const visit = (t: CType): void => {
    switch (t.kind) {
      case 'scalar':
        if (PROBED_SCALARS.has(t.name)) out.add(t.name);
        if (t.name.includes('__int128')) out.add('__int128');
        break;
      case 'vector':
        if (t.elem === '_Float16') out.add('vector _Float16');
        if (t.elem === '__bf16') out.add('vector __bf16');
        break;
      case 'bitint':
        out.add(bitIntFeature(t.bits));
        break;
      case 'struct':
      case 'union':
        t.fields.forEach((f) => visit(f.type));
        break;
      case 'atomic':
        out.add('_Atomic');
        break;
      case 'array':
        if (t.flexible) out.add('flexible array member');
        visit(t.elem);
        break;
      case 'pointer':
        visit(t.to);
        break;
      default:
    }
  };
  if (sig.convention) out.add(`convention ${sig.convention}`);
  if (sig.ret !== 'void') visit(sig.ret);
  for (const p of [...sig.params, ...(sig.variadic ?? [])]) visit(p.type);
  return [...out];
}

function probeOutcome(c: CompileOutcome, source: string): ProbeOutcome {
  switch (c.kind) {
    case 'built': return { kind: 'accepted' };
    case 'rejected': return { kind: 'rejected', message: c.errors[0]?.text ?? firstError(c.stderr) };
    case 'crashed': return { kind: 'crashed', message: c.message, command: c.command, source };
    case 'timed-out': return { kind: 'timed-out', command: c.command, source };
    case 'interrupted': return { kind: 'interrupted' };
  }
}

export interface Prober {
  /** Compiles `source` alone with `side` (cached by compiler, target arguments, flags and source). */
  source(side: Side, source: string): Promise<ProbeOutcome>;
  feature(side: Side, feature: string): Promise<ProbeOutcome>;
  /** The side's ISA feature macros ('sse2', 'avx', ...): what the psABI model needs to know. */
  isaFeatures(side: Side): Promise<Set<string>>;
}

export function prober(ctx: BuildContext): Prober {
  const cache = new Map<string, Promise<ProbeOutcome>>();
  const macros = new Map<string, Promise<Set<string>>>();
  const source = (side: Side, text: string): Promise<ProbeOutcome> => {
    const key = [side.tc.bin, ...side.tc.targetArgs, '\0', ...side.flags, '\0', text].join(' ');
    let p = cache.get(key);
    if (!p) {
      p = (async () => {
        const dir = await mkdtemp(join(os.tmpdir(), 'abifuzz-probe-'));
        try {
          await writeFile(join(dir, 'probe.c'), text);
          return probeOutcome(await compile(ctx, side, dir, 'probe.c', side.tc.family === 'clang-cl' ? 'probe.obj' : 'probe.o'), text);
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      })();
      cache.set(key, p);
    }
    return p;
  };
  return {
    source,
    // A model side's C is compiled by its glue compiler: that one must accept the feature.
    feature: (side, feature) => source(side.tc.glue ? { tc: side.tc.glue, flags: side.flags } : side, featureSource(feature)),
    isaFeatures(side) {
      const key = [side.tc.bin, ...side.tc.targetArgs, ...side.flags].join(' ');
      let p = macros.get(key);
      if (!p) {
        p = (async () => {
          const args = side.tc.family === 'clang-cl'
            ? [...side.tc.targetArgs, ...side.flags, '/clang:-dM', '/E', '-']
            : [...side.tc.targetArgs, ...side.flags, '-dM', '-E', '-x', 'c', '/dev/null'];
          const r = await ctx.spawn.run(side.tc.bin, args, { phase: 'probe', timeoutMs: ctx.compileTimeoutMs });
          const out = new Set<string>();
          for (const m of r.stdout.matchAll(/^#define __(MMX|SSE|SSE2|SSE3|AVX|AVX2|AVX512F)__ 1$/gm)) out.add(m[1]!.toLowerCase());
          return out;
        })();
        macros.set(key, p);
      }
      return p;
    },
  };
}
