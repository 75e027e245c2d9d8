// i686-linux: ILP32, SysV i386 psABI. Runs natively when the kernel allows, else under qemu-i386.
import { i386 } from '../model/contract.js';
import { ilp32i386 } from '../model/data-model.js';
import { crossSpec, linuxTarget, nativeOrQemu } from './linux.js';

// i386 conventions: callee-pops stdcall, fastcall (ecx, edx), regparm(N) (eax, edx, ecx).
export const i686Linux = linuxTarget(
  'i686-linux', 'SysV i386', ilp32i386,
  crossSpec('i686-linux', 'i686-linux-gnu', ['--target=i686-linux-gnu']),
  nativeOrQemu('i686-linux-gnu-gcc', 'i386'),
  i386,
  ['cdecl', 'stdcall', 'fastcall', 'regparm(1)', 'regparm(2)', 'regparm(3)'],
);
