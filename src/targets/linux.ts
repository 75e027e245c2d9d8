// Linux targets: the host (native) and the cross targets run under qemu-user.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { defaultPair, findToolchains, onPathBin, resolveLinker, resolveToolchain, type ToolchainSpec } from '../../harness/toolchains/registry.js';
import type { CallContract } from '../model/contract.js';
import type { DataModel } from '../model/data-model.js';
import type { Runner, Target } from './target.js';

export const native: Runner = { id: 'native', debianPackage: null, available: () => true, command: (exe) => [exe, []] };

export function qemu(arch: string): Runner {
  return {
    id: `qemu-${arch}`,
    debianPackage: 'qemu-user',
    available: () => onPathBin(`qemu-${arch}`),
    // Executables are linked statically, so no -L sysroot is needed.
    command: (exe) => [`qemu-${arch}`, [exe]],
  };
}

/**
 * i686 binaries run natively where the kernel has IA32 emulation (about 1 ms against 32-44 ms under
 * qemu-i386), decided once by running a tiny static i686 program; otherwise qemu-i386.
 */
export function nativeOrQemu(gcc: string, arch: string): Runner {
  let decided: Runner | null = null;
  const decide = (): Runner => {
    if (decided) return decided;
    decided = qemu(arch);
    if (onPathBin(gcc)) {
      const dir = mkdtempSync(join(os.tmpdir(), 'abifuzz-native-'));
      try {
        writeFileSync(join(dir, 't.c'), 'int main(void) { return 7; }\n');
        execFileSync(gcc, ['-static', '-o', 't', 't.c'], { cwd: dir, stdio: 'ignore' });
        try {
          execFileSync(join(dir, 't'), [], { stdio: 'ignore' });
        } catch (e) {
          if ((e as { status?: number }).status === 7) decided = native;
        }
      } catch {
        /* cannot build: keep qemu */
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return decided;
  };
  return {
    get id() { return decide().id; },
    debianPackage: 'qemu-user',
    available: () => decide().available(),
    command: (exe) => decide().command(exe),
  };
}

export function crossSpec(target: string, triple: string, clangArgs: string[], linkArgs: string[] = []): ToolchainSpec {
  return { target, gcc: `${triple}-gcc`, gccPackage: `gcc-${triple}`, clangArgs, linkArgs: ['-static', ...linkArgs] };
}

export function linuxTarget(
  id: string, abi: string, dataModel: DataModel, toolchains: ToolchainSpec, runner: Runner, contract: CallContract,
  conventions: string[] = [],
): Target {
  return {
    id, abi, dataModel, toolchains, runner, contract, conventions,
    findToolchains: () => findToolchains(toolchains),
    resolveToolchain: (tc) => resolveToolchain(toolchains, tc),
    resolveLinker: () => resolveLinker(toolchains),
    defaultPair: () => defaultPair(toolchains),
  };
}
