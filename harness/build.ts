// Compile and link one batch. Compile errors are values that name the functions they hit.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from './process.js';
import type { Target } from '../src/targets/target.js';
import type { Side } from './toolchains/toolchain.js';

export type CompileResult =
  | { kind: 'built'; command: string }
  | { kind: 'compile-error'; command: string; stderr: string; locations: { file: string; line: number }[] };

export type LinkResult = { kind: 'linked'; command: string } | { kind: 'link-error'; command: string; stderr: string };

// No -w: it would also silence -pedantic-errors and -Werror=... that users pass on purpose.
const QUIET = ['-Wno-psabi'];

export function compileArgs(side: Side, src: string, obj: string): string[] {
  if (side.tc.family === 'clang-cl') return [...side.tc.targetArgs, '/c', src, `/Fo${obj}`, ...side.flags];
  return [...side.tc.targetArgs, ...QUIET, '-c', src, '-o', obj, ...side.flags];
}

export async function compile(side: Side, dir: string, src: string, obj: string): Promise<CompileResult> {
  const args = compileArgs(side, src, obj);
  const r = await run(side.tc.bin, args, { cwd: dir, phase: 'compile' });
  const command = [side.tc.bin, ...args].join(' ');
  if (r.exitCode === 0) return { kind: 'built', command };
  // gcc/clang say "file:line:col: error", clang-cl says "file(line,col): error".
  const locations = [...r.stderr.matchAll(/^([\w.]+)(?::(\d+):(?:\d+:)?|\((\d+),\d+\):) (?:fatal )?error/gm)].map((m) => ({ file: m[1]!, line: Number(m[2] ?? m[3]) }));
  return { kind: 'compile-error', command, stderr: r.stderr, locations };
}

/** The target's gcc with its link flags: it builds the runtime and links every batch. */
export const linkerOf = (target: Target): Side => ({ tc: target.resolveLinker(), flags: target.toolchains.linkArgs });

/** Link with the target's gcc driver (its C library, crt files and libgcc). */
export function linkArgs(linker: Side, objs: string[], exe: string): string[] {
  return [...linker.tc.targetArgs, ...objs, '-o', exe, ...linker.flags];
}

export async function link(linker: Side, dir: string, objs: string[], exe: string): Promise<LinkResult> {
  const args = linkArgs(linker, objs, exe);
  const r = await run(linker.tc.bin, args, { cwd: dir, phase: 'link' });
  const command = [linker.tc.bin, ...args].join(' ');
  return r.exitCode === 0 ? { kind: 'linked', command } : { kind: 'link-error', command, stderr: r.stderr };
}

/** harness/runtime of the package, from the sources (tests) or from dist/ alike. */
export const RUNTIME_DIR = join(packageRoot(dirname(fileURLToPath(import.meta.url))), 'harness', 'runtime');

function packageRoot(dir: string): string {
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Sources of the runtime every batch links: main and reporting, the contract checks, the target's trampolines. */
export const runtimeSources = (trampolines: string): string[] => ['runtime.c', 'contract.c', trampolines];

export const objectName = (src: string): string => src.replace(/\.[cS]$/, '.o');

const runtimes = new Map<string, Promise<string[]>>();

export function runtimeArgs(linker: Side, src: string, obj: string): string[] {
  return [...linker.tc.targetArgs, '-O1', ...QUIET, '-c', src, '-o', obj];
}

/** The runtime objects, built once per run with the target's gcc and reused by every batch. */
export function runtimeObjects(side: Side, cacheDir: string, trampolines: string): Promise<string[]> {
  const key = `${cacheDir}\0${side.tc.id}\0${trampolines}`; // a run's cache dir goes away with the run
  let p = runtimes.get(key);
  if (!p) {
    p = (async () => {
      await mkdir(cacheDir, { recursive: true });
      return Promise.all(runtimeSources(trampolines).map(async (src) => {
        const obj = join(cacheDir, `${side.tc.id}-${objectName(src)}`);
        const r = await run(side.tc.bin, runtimeArgs(side, join(RUNTIME_DIR, src), obj), { phase: 'compile' });
        if (r.exitCode !== 0) throw new Error(`cannot build the runtime's ${src} with ${side.tc.id}: ${firstError(r.stderr)}`);
        return obj;
      }));
    })();
    runtimes.set(key, p);
  }
  return p;
}

/** The line of a compiler's or linker's stderr that says what went wrong. */
export const firstError = (stderr: string): string =>
  stderr.split('\n').find((l) => /undefined reference|error/.test(l))?.trim() ?? stderr.split('\n')[0] ?? '';
