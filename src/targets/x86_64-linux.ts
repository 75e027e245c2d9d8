// x86_64-linux: LP64, SysV AMD64 psABI; gcc and every clang-N on PATH; runs natively.
import { sysvX86_64 } from '../model/contract.js';
import { lp64x86 } from '../model/data-model.js';
import { linuxTarget, native } from './linux.js';

// ms_abi really switches to the Microsoft x64 convention on x86_64 (gcc and clang); sysv_abi is the default spelled out.
export const x86_64Linux = linuxTarget(
  'x86_64-linux', 'SysV AMD64', lp64x86,
  { target: 'x86_64-linux', gcc: 'gcc', gccPackage: 'gcc', clangArgs: [], linkArgs: [] },
  native,
  sysvX86_64,
  ['ms_abi', 'sysv_abi'],
);
