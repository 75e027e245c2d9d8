// i686-linux: ILP32, SysV i386 psABI. Runs natively when the kernel allows, else under qemu-i386.
import { ilp32i386 } from '../model/data-model.js';
import { crossSpec, linuxTarget, nativeOrQemu } from './linux.js';

export const i686Linux = linuxTarget(
  'i686-linux', 'SysV i386', ilp32i386,
  crossSpec('i686-linux', 'i686-linux-gnu', ['--target=i686-linux-gnu']),
  nativeOrQemu('i686-linux-gnu-gcc', 'i386'),
);
