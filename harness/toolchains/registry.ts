// Which toolchains exist for a target: found on PATH, never assumed. gcc is the target's own
// (cross) gcc; every clang-N on PATH serves every target through --target.
import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { UsageError } from '../../src/errors.js';
import type { Toolchain } from './toolchain.js';

/** How a target names and drives its toolchains. */
export interface ToolchainSpec {
  target: string;
  /** The target's gcc driver: gcc on the host, <triple>-gcc for cross targets. */
  gcc: string;
  gccPackage: string;
  /** Arguments that make clang-N compile for the target ([] on the host). */
  clangArgs: string[];
  /** Extra link arguments for the target's gcc (e.g. -static for qemu). */
  linkArgs: string[];
  /** Arguments of clang-cl-N (clang-N --driver-mode=cl) on targets that have it (x86_64-windows). */
  clangClArgs?: string[];
}

function onPath(bin: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, bin), constants.X_OK);
      return true;
    } catch {
      /* not here */
    }
  }
  return false;
}

/** clang-N names on PATH, newest first. */
function clangVersions(): string[] {
  const found = new Set<string>();
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      for (const f of readdirSync(dir)) if (/^clang-\d+$/.test(f)) found.add(f);
    } catch {
      /* unreadable PATH entry */
    }
  }
  return [...found].sort((a, b) => Number(b.slice(6)) - Number(a.slice(6)));
}

function make(spec: ToolchainSpec, id: string): Toolchain {
  if (id === spec.gcc) return { id, bin: id, family: 'gcc', target: spec.target, targetArgs: [], debianPackage: spec.gccPackage };
  const cl = /^clang-cl-(\d+)$/.exec(id);
  // Debian ships no clang-cl binary: clang-cl-N is clang-N --driver-mode=cl.
  if (cl) return { id, bin: `clang-${cl[1]}`, family: 'clang-cl', target: spec.target, targetArgs: spec.clangClArgs ?? [], debianPackage: `clang-${cl[1]}` };
  return { id, bin: id, family: 'clang', target: spec.target, targetArgs: spec.clangArgs, debianPackage: id };
}

/** Toolchains of a target found on this machine: its gcc, clang-N newest first, plain clang. */
export function findToolchains(spec: ToolchainSpec): Toolchain[] {
  const clangs = clangVersions();
  const cls = spec.clangClArgs ? clangs.map((c) => c.replace('clang-', 'clang-cl-')) : [];
  const ids = [...(onPath(spec.gcc) ? [spec.gcc] : []), ...clangs, ...(onPath('clang') ? ['clang'] : []), ...cls];
  return ids.map((id) => make(spec, id));
}

export function resolveToolchain(spec: ToolchainSpec, id: string): Toolchain {
  const known = id === spec.gcc || id === 'clang' || /^clang-\d+$/.test(id) || (spec.clangClArgs !== undefined && /^clang-cl-\d+$/.test(id));
  if (!known)
    throw new UsageError(`unknown toolchain '${id}' for ${spec.target} (expected ${spec.gcc}, clang or clang-N${spec.clangClArgs ? ', clang-cl-N' : ''})`, 'ABIFUZZ_UNKNOWN_TOOLCHAIN');
  const tc = make(spec, id);
  if (!onPath(tc.bin))
    throw new UsageError(`toolchain '${id}' not found on PATH (install the Debian package '${tc.debianPackage}')`, 'ABIFUZZ_MISSING_TOOLCHAIN');
  return tc;
}

/** The target's gcc driver links every pair (its C library, crt files and libgcc). */
export function resolveLinker(spec: ToolchainSpec): Toolchain {
  const tc = make(spec, spec.gcc);
  if (!onPath(tc.bin))
    throw new UsageError(`${spec.target} links with '${spec.gcc}', not found on PATH (install the Debian package '${spec.gccPackage}')`, 'ABIFUZZ_MISSING_TOOLCHAIN');
  return tc;
}

/** The default pair: the target's gcc calls the newest clang-N (or clang). */
export function defaultPair(spec: ToolchainSpec): [string, string] {
  const clang = findToolchains(spec).find((t) => t.family === 'clang');
  return [spec.gcc, clang?.id ?? 'clang-19'];
}

export function onPathBin(bin: string): boolean {
  return onPath(bin);
}
