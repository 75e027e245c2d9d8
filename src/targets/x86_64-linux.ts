// x86_64-linux: LP64, SysV AMD64 psABI; gcc and every clang-N on PATH; runs natively.
import { lp64x86 } from '../model/data-model.js';
import { x86_64Sysv } from '../abi/x86_64-sysv/index.js';
import { msX64 } from '../abi/ms-x64.js';
import { preserveAllX64, preserveMostX64 } from '../abi/clang-preserve.js';
import { preserveNoneX64 } from '../abi/clang-preserve-none.js';
import { regcallX64 } from '../abi/clang-regcall.js';
import type { Target } from './target.js';

// ms_abi really switches to the Microsoft x64 convention on x86_64 (gcc and clang); sysv_abi is the default spelled out.
// clang's preserve_most and preserve_all keep SysV's arguments and save more registers; preserve_none
// passes more arguments in registers and saves only rbp; regcall (Intel's) passes in eleven integer
// and sixteen SSE registers (all opt-in).
export const x86_64Linux: Target = {
  id: 'x86_64-linux',
  abi: 'SysV AMD64',
  dataModel: lp64x86,
  toolchains: { gcc: 'gcc', gccPackage: 'gcc', clangArgs: [], linkArgs: [] },
  runner: { kind: 'native' },
  abis: { '': x86_64Sysv, sysv_abi: x86_64Sysv, ms_abi: msX64, preserve_most: preserveMostX64, preserve_all: preserveAllX64, preserve_none: preserveNoneX64, regcall: regcallX64 },
  conventions: ['ms_abi', 'sysv_abi'],
  extraConventions: ['preserve_most', 'preserve_all', 'preserve_none', 'regcall'],
  pairRules: [
    { family: 'gcc', dropConventions: ['preserve_most', 'preserve_all', 'preserve_none', 'regcall'], reason: "gcc ignores preserve_most, preserve_all, preserve_none and regcall (warning: attribute directive ignored): fuzzing them against gcc would test gcc's C convention against clang's" },
  ],
};
