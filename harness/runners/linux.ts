// Linux runners: the host itself, qemu-user (executables are static: no -L sysroot needed), and
// native-or-qemu for i686, decided once by running a tiny static program.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { onPath } from '../toolchains/path.js';
import type { Runner } from './runner.js';

export const native: Runner = { id: 'native', debianPackage: null, available: () => true, command: (exe) => [exe, []] };

export function qemu(arch: string): Runner {
  return {
    id: `qemu-${arch}`,
    debianPackage: 'qemu-user',
    available: () => onPath(`qemu-${arch}`),
    command: (exe) => [`qemu-${arch}`, [exe]],
  };
}

/** Native where the kernel has IA32 emulation (about 1 ms a run against 32-44 ms under qemu), else qemu. */
export function nativeOrQemu(gcc: string, arch: string): Runner {
  let decided: Runner | null = null;
  const decide = (): Runner => {
    if (decided) return decided;
    decided = qemu(arch);
    if (onPath(gcc)) {
      const dir = mkdtempSync(join(os.tmpdir(), 'abifuzz-native-'));
      try {
        writeFileSync(join(dir, 't.c'), 'int main(void) { return 7; }\n');
        execFileSync(gcc, ['-static', '-o', 't', 't.c'], { cwd: dir, stdio: 'ignore', timeout: 60_000 });
        try {
          execFileSync(join(dir, 't'), [], { stdio: 'ignore', timeout: 10_000 });
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
