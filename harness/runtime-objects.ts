// The runtime every batch links (main and the reporting, the contract checks, the target's
// trampolines): shipped as sources in harness/runtime, built once per run by the target's gcc.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { firstError, runtimeArgs, type BuildContext } from './build.js';
import type { Side } from './toolchains/toolchain.js';

/** harness/runtime of the package, from the sources (tests) or from dist/ alike. */
export const RUNTIME_DIR = join(packageRoot(dirname(fileURLToPath(import.meta.url))), 'harness', 'runtime');

function packageRoot(dir: string): string {
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** The runtime's C files, shipped as they are in harness/runtime. */
export const RUNTIME_C = ['runtime.c', 'contract.c'];
/** The target's trampolines, generated from its psABI modules (src/emit/asm/trampolines.ts). */
export const TRAMPOLINES = 'trampolines.S';
/** Every source of the runtime, in build order. */
export const runtimeSources = (): string[] => [...RUNTIME_C, TRAMPOLINES];

export const objectName = (src: string): string => src.replace(/\.[cS]$/, '.o');

export type RuntimeBuild = { ok: true; objects: string[] } | { ok: false; message: string };

/** Builds the runtime once per (linker, trampolines text) into `cacheDir`, owned by the run that made it. */
export function runtimeCache(ctx: BuildContext, cacheDir: string): (linker: Side, trampolines: string) => Promise<RuntimeBuild> {
  const built = new Map<string, Promise<RuntimeBuild>>();
  return (linker, trampolines) => {
    const key = `${linker.tc.id}\0${trampolines}`;
    let p = built.get(key);
    if (!p) {
      const n = built.size;
      p = (async (): Promise<RuntimeBuild> => {
        await mkdir(cacheDir, { recursive: true });
        const tag = `${linker.tc.id}-${n}`;
        const generated = join(cacheDir, `${tag}-${TRAMPOLINES}`);
        await writeFile(generated, trampolines);
        const objects: string[] = [];
        for (const src of runtimeSources()) {
          const obj = join(cacheDir, `${tag}-${objectName(src)}`);
          const path = src === TRAMPOLINES ? generated : join(RUNTIME_DIR, src);
          const r = await ctx.spawn.run(linker.tc.bin, runtimeArgs(linker, path, obj), { phase: 'compile', timeoutMs: ctx.compileTimeoutMs });
          if (r.interrupted) return { ok: false, message: 'interrupted' };
          if (r.exitCode !== 0) return { ok: false, message: `cannot build the runtime's ${src} with ${linker.tc.id}: ${r.timedOut ? 'timed out' : firstError(r.stderr)}` };
          objects.push(obj);
        }
        return { ok: true, objects };
      })();
      built.set(key, p);
    }
    return p;
  };
}
