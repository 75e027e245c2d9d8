// Which toolchains exist for a target: found on PATH, never assumed.
import { accessSync, constants, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { UsageError } from '../../src/errors.js';
import type { Toolchain } from './toolchain.js';

function onPath(bin: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, bin), constants.X_OK);
      return join(dir, bin);
    } catch {
      /* not here */
    }
  }
  return null;
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

function make(id: string, target: string): Toolchain {
  const family = id.startsWith('clang') ? 'clang' : 'gcc';
  return { id, bin: id, family, target, targetArgs: [], debianPackage: id === 'clang' ? 'clang' : id };
}

/** Toolchains of x86_64-linux found on this machine: gcc, clang-N newest first, plain clang. */
export function findToolchains(target: string): Toolchain[] {
  const ids = [...(onPath('gcc') ? ['gcc'] : []), ...clangVersions(), ...(onPath('clang') ? ['clang'] : [])];
  return ids.map((id) => make(id, target));
}

/** Names a toolchain could have on this target even when absent (for messages). */
export function knownToolchainId(id: string): boolean {
  return id === 'gcc' || id === 'clang' || /^clang-\d+$/.test(id);
}

export function resolveToolchain(target: string, id: string): Toolchain {
  if (!knownToolchainId(id))
    throw new UsageError(`unknown toolchain '${id}' for ${target} (expected gcc, clang or clang-N)`, 'ABIFUZZ_UNKNOWN_TOOLCHAIN');
  const tc = findToolchains(target).find((t) => t.id === id);
  if (!tc) throw new UsageError(`toolchain '${id}' not found on PATH (install the Debian package '${make(id, target).debianPackage}')`, 'ABIFUZZ_MISSING_TOOLCHAIN');
  return tc;
}

/** The default pair: gcc calls the newest clang-N (or clang). */
export function defaultPair(target: string): [string, string] {
  const tcs = findToolchains(target);
  const clang = tcs.find((t) => t.family === 'clang');
  return ['gcc', clang?.id ?? 'clang-19'];
}
