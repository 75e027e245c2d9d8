// Shared shape of the Linux cross targets: <triple>-gcc links statically (qemu needs no sysroot).
import type { ToolchainNaming } from './target.js';

export function crossToolchains(triple: string, clangArgs: string[], linkArgs: string[] = []): ToolchainNaming {
  return { gcc: `${triple}-gcc`, gccPackage: `gcc-${triple}`, clangArgs, linkArgs: ['-static', ...linkArgs] };
}
