// Which toolchains exist for a target: the target's own (cross) gcc, every clang-N on PATH through
// --target, and clang-cl-N where the target has it; and the C++ drivers of those (g++, clang++-N),
// which compile the same sources as C++. Unknown or missing ones are usage errors.
import { UsageError } from '../../src/errors.js';
import type { Target, ToolchainNaming } from '../../src/targets/target.js';
import { clangVersions, onPath, versionsOnPath } from './path.js';
import { cCompilerOf, type Side, type Toolchain } from './toolchain.js';

function make(t: Target, id: string): Toolchain {
  const n: ToolchainNaming = t.toolchains;
  // The model speaks the psABI text ('model') or a compiler's documented dialect ('model:clang-19');
  // the target's gcc builds its glue (or the speaker does: where its struct layout is its own, and
  // a clang always, whose types gcc 12 may lack: _BitInt, __bf16 on x86) and assembles it.
  if (id === 'model' || id.startsWith('model:')) {
    const speaker = id.slice('model:'.length);
    const own = id !== 'model' && (/^clang-\d+$/.test(speaker) || t.layoutDialects?.some((d) => d.speakers.test(speaker)));
    return { id, bin: n.gcc, family: 'model', target: t.id, targetArgs: [], debianPackage: n.gccPackage, ...(own ? { glue: make(t, speaker) } : {}) };
  }
  // A C++ driver (g++, <triple>-g++, g++-N, clang++-N): its C compiler's toolchain, compiling as C++.
  const c = cCompilerOf(id);
  if (c !== id) {
    const base = make(t, c);
    return { ...base, id, bin: id, lang: 'c++', debianPackage: base.family === 'gcc' ? base.debianPackage.replace(/^gcc/, 'g++') : base.debianPackage };
  }
  if (id === n.gcc) return { id, bin: id, family: 'gcc', target: t.id, targetArgs: [], debianPackage: n.gccPackage };
  // Another version of the target's gcc: gcc-11 beside gcc (12), <triple>-gcc-N beside <triple>-gcc.
  const v = new RegExp(`^${n.gcc.replace(/[.+]/g, '\\$&')}-(\\d+)$`).exec(id);
  if (v) return { id, bin: id, family: 'gcc', target: t.id, targetArgs: [], debianPackage: `${n.gccPackage}-${v[1]}`.replace(/^gcc-(\d+)-\1$/, 'gcc-$1') };
  const cl = /^clang-cl-(\d+)$/.exec(id);
  // Debian ships no clang-cl binary: clang-cl-N is clang-N --driver-mode=cl.
  if (cl) return { id, bin: `clang-${cl[1]}`, family: 'clang-cl', target: t.id, targetArgs: n.clangClArgs ?? [], debianPackage: `clang-${cl[1]}` };
  return { id, bin: id, family: 'clang', target: t.id, targetArgs: n.clangArgs, debianPackage: id };
}

/**
 * Toolchains of a target found on this machine: its gcc, clang-N newest first, plain clang,
 * clang-cl-N; then the C++ drivers of the same (g++, clang++-N).
 */
export function findToolchains(t: Target): Toolchain[] {
  const clangs = clangVersions();
  const cls = t.toolchains.clangClArgs ? clangs.map((c) => c.replace('clang-', 'clang-cl-')) : [];
  const gccs = versionsOnPath(t.toolchains.gcc);
  const ids = [...(onPath(t.toolchains.gcc) ? [t.toolchains.gcc] : []), ...gccs, ...clangs, ...(onPath('clang') ? ['clang'] : []), ...cls];
  const gxx = t.toolchains.gcc.replace(/gcc$/, 'g++');
  const cxx = [gxx, ...versionsOnPath(gxx), ...clangs.map((c) => c.replace('clang-', 'clang++-')), 'clang++'].filter(onPath);
  return [...ids, ...cxx].map((id) => make(t, id));
}

export function resolveToolchain(t: Target, id: string): Toolchain {
  const n = t.toolchains;
  const isCompiler = (x: string): boolean =>
    x === n.gcc || x.startsWith(`${n.gcc}-`) && /-\d+$/.test(x) || x === 'clang' || /^clang-\d+$/.test(x) || (n.clangClArgs !== undefined && /^clang-cl-\d+$/.test(x));
  // A C++ driver of one of those (no clang-cl: it has none); the model speaks C compilers only.
  const isCxx = (x: string): boolean => cCompilerOf(x) !== x && isCompiler(cCompilerOf(x));
  const known = isCompiler(id) || isCxx(id) || id === 'model' || (id.startsWith('model:') && isCompiler(id.slice('model:'.length)));
  if (!known)
    throw new UsageError(`unknown toolchain '${id}' for ${t.id} (expected ${n.gcc}, ${n.gcc}-N, clang, clang-N${n.clangClArgs ? ', clang-cl-N' : ''}, the C++ drivers ${n.gcc.replace(/gcc$/, 'g++')} and clang++-N, model or model:<compiler>)`, 'ABIFUZZ_UNKNOWN_TOOLCHAIN');
  const tc = make(t, id);
  if (!onPath(tc.bin))
    throw new UsageError(`toolchain '${id}' not found on PATH (install the Debian package '${tc.debianPackage}')`, 'ABIFUZZ_MISSING_TOOLCHAIN');
  return tc;
}

/** The target's gcc driver with its link flags: it builds the runtime and links every pair. */
export function linkerOf(t: Target): Side {
  const tc = make(t, t.toolchains.gcc);
  if (!onPath(tc.bin))
    throw new UsageError(`${t.id} links with '${t.toolchains.gcc}', not found on PATH (install the Debian package '${t.toolchains.gccPackage}')`, 'ABIFUZZ_MISSING_TOOLCHAIN');
  return { tc, flags: t.toolchains.linkArgs };
}

/** The default pair: the target's gcc calls the newest clang-N (or clang). */
export function defaultPair(t: Target): [string, string] {
  const clang = findToolchains(t).find((tc) => tc.family === 'clang');
  return [t.toolchains.gcc, clang?.id ?? 'clang-19'];
}
