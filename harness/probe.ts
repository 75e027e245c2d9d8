// "Can this toolchain express that?" answered by a tiny compile, cached per (toolchain, flags,
// feature). No hand-kept matrix: the compiler itself says what it supports.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import type { CType, Signature } from '../src/model/types.js';
import { run } from './process.js';
import type { Side } from './toolchains/toolchain.js';

export type Support = { ok: true } | { ok: false; reason: string };

const SNIPPETS: Record<string, string> = {
  _Float16: '_Float16 f(_Float16 x) { return x; }',
  __int128: '__int128 f(__int128 x) { return x; }',
  'vector _Float16': 'typedef _Float16 v __attribute__((vector_size(16))); v f(v x) { return x; }',
};

/** Features of a signature that some compiler of a target may reject. */
export function featuresOf(sig: Signature): string[] {
  const out = new Set<string>();
  const visit = (t: CType): void => {
    switch (t.kind) {
      case 'scalar':
        if (t.name === '_Float16') out.add('_Float16');
        if (t.name.includes('__int128')) out.add('__int128');
        break;
      case 'vector':
        if (t.elem === '_Float16') out.add('vector _Float16');
        break;
      case 'struct':
      case 'union':
        t.fields.forEach((f) => visit(f.type));
        break;
      case 'array':
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

const cache = new Map<string, Promise<boolean>>();

export function probeFeature(side: Side, feature: string): Promise<boolean> {
  const key = `${side.tc.bin} ${side.tc.targetArgs.join(' ')}\0${side.flags.join(' ')}\0${feature}`; // clang-19 is one id on every target
  let p = cache.get(key);
  if (!p) {
    p = (async () => {
      const dir = await mkdtemp(join(os.tmpdir(), 'abifuzz-probe-'));
      try {
        const cc = feature.startsWith('convention ') ? feature.slice('convention '.length) : null;
        const text = cc ? `int __attribute__((${cc})) f(int a, double b) { return a + (int)b; }` : SNIPPETS[feature];
        await writeFile(join(dir, 'p.c'), `${text}\n`);
        const r = await run(side.tc.bin, [...side.tc.targetArgs, ...side.flags, '-c', 'p.c', '-o', 'p.o'], { cwd: dir, phase: 'probe' });
        return r.exitCode === 0;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    })();
    cache.set(key, p);
  }
  return p;
}

export async function supports(sides: Side[], sig: Signature): Promise<Support> {
  for (const feature of featuresOf(sig))
    for (const side of sides)
      if (!(await probeFeature(side, feature))) return { ok: false, reason: `${side.tc.id} rejects ${feature}` };
  return { ok: true };
}
