// i686-linux: ILP32, SysV i386 psABI. Runs natively when the kernel allows, else under qemu-i386.
import { ilp32i386, ilp32i386Mmx } from '../model/data-model.js';
import { crossToolchains } from './linux.js';
import { i386Sysv } from '../abi/i386-sysv.js';
import { regcallI386 } from '../abi/clang-regcall.js';
import type { Target } from './target.js';

// i386 conventions: callee-pops stdcall, fastcall (ecx, edx), regparm(N) (eax, edx, ecx); opt-in:
// thiscall (ecx, callee pops), gcc's sseregparm (float and double in xmm0-2, returned in xmm0) and
// clang's regcall (eax ecx edx edi esi, xmm0-7).
export const i686Linux: Target = {
  id: 'i686-linux',
  abi: 'SysV i386',
  dataModel: ilp32i386,
  // Checked with i686-linux-gnu-gcc 12 and clang-19: struct { char c; v2si v; } is 12 bytes,
  // 4-aligned with gcc without MMX; 16 and 8 with gcc -mmmx (or -msse) and with clang always.
  layoutDialects: [{ speakers: /clang/, dataModel: ilp32i386Mmx, reference: 'clang aligns 8-byte integer vectors to 8 inside aggregates whatever the ISA (the psABI __m64 alignment); gcc does only with MMX' }],
  layoutWithFeatures: (dm, features) => (features.has('mmx') ? ilp32i386Mmx : dm),
  layoutFlags: (features) => (features.has('mmx') ? ['-mmmx'] : []),
  toolchains: crossToolchains('i686-linux-gnu', ['--target=i686-linux-gnu']),
  runner: { kind: 'native-or-qemu', arch: 'i386' },
  abis: { ...Object.fromEntries(['', 'cdecl', 'stdcall', 'fastcall', 'regparm(1)', 'regparm(2)', 'regparm(3)', 'thiscall', 'sseregparm'].map((c) => [c, i386Sysv])), regcall: regcallI386 },
  conventions: ['cdecl', 'stdcall', 'fastcall', 'regparm(1)', 'regparm(2)', 'regparm(3)'],
  extraConventions: ['thiscall', 'sseregparm', 'regcall'],
  pairRules: [
    // clang-13 to clang-22: "warning: unknown attribute 'sseregparm' ignored".
    { family: 'gcc', dropConventions: ['regcall'], reason: "gcc does not know regcall (warning: 'regcall' attribute directive ignored): fuzzing it against gcc would test gcc's cdecl against clang's regcall" },
    { family: 'clang', dropConventions: ['sseregparm'], reason: "clang does not know sseregparm (warning: unknown attribute 'sseregparm' ignored): fuzzing it against clang would test clang's cdecl against gcc's sseregparm" },
  ],
};
