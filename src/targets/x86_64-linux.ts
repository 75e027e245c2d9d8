// x86_64-linux: LP64, SysV AMD64 psABI; gcc and every clang-N on PATH; runs natively.
import { lp64x86 } from '../model/data-model.js';
import { x86_64Sysv } from '../abi/x86_64-sysv/index.js';
import { msX64 } from '../abi/ms-x64.js';
import type { Target } from './target.js';

// ms_abi really switches to the Microsoft x64 convention on x86_64 (gcc and clang); sysv_abi is the default spelled out.
export const x86_64Linux: Target = {
  id: 'x86_64-linux',
  abi: 'SysV AMD64',
  dataModel: lp64x86,
  toolchains: { gcc: 'gcc', gccPackage: 'gcc', clangArgs: [], linkArgs: [] },
  runner: { kind: 'native' },
  abis: { '': x86_64Sysv, sysv_abi: x86_64Sysv, ms_abi: msX64 },
  conventions: ['ms_abi', 'sysv_abi'],
  pairRules: [],
};
