// x86_64-windows: LLP64, Microsoft x64. mingw gcc, clang-N for x86_64-w64-mingw32 and clang-cl-N
// (clang-N --driver-mode=cl for x86_64-pc-windows-msvc, freestanding: /Zl /GS-); the mingw gcc
// links every pair; programs run under wine.
import { defaultPair, findToolchains, resolveLinker, resolveToolchain, type ToolchainSpec } from '../../harness/toolchains/registry.js';
import { msX86_64 } from '../model/contract.js';
import { llp64 } from '../model/data-model.js';
import type { Target } from './target.js';
import { wine } from './wine.js';

const toolchains: ToolchainSpec = {
  target: 'x86_64-windows',
  gcc: 'x86_64-w64-mingw32-gcc',
  gccPackage: 'gcc-mingw-w64-x86-64',
  clangArgs: ['--target=x86_64-w64-mingw32'],
  clangClArgs: ['--driver-mode=cl', '--target=x86_64-pc-windows-msvc', '/Zl', '/GS-'],
  linkArgs: [],
};

export const x86_64Windows: Target = {
  id: 'x86_64-windows',
  abi: 'Microsoft x64',
  dataModel: llp64,
  toolchains,
  runner: wine(),
  contract: msX86_64,
  // vectorcall really changes the convention under clang (symbol f@@N); sysv_abi switches to SysV.
  conventions: ['sysv_abi', 'vectorcall'],
  findToolchains: () => findToolchains(toolchains),
  resolveToolchain: (id) => resolveToolchain(toolchains, id),
  resolveLinker: () => resolveLinker(toolchains),
  defaultPair: () => defaultPair(toolchains),
  adjustLimits(limits, caller, callee) {
    const fams = [caller.family, callee.family];
    return {
      ...limits,
      // clang-cl's long double is double (8 bytes), mingw's is x87 in 16: not one type, so not fuzzed.
      exclude: fams.includes('clang-cl') ? [...(limits.exclude ?? []), 'long double'] : limits.exclude,
      // mingw gcc ignores vectorcall (with a warning): fuzzing it against gcc would test nothing.
      conventions: fams.includes('gcc') ? limits.conventions.filter((c) => c !== 'vectorcall') : limits.conventions,
    };
  },
};
