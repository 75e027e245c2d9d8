// armhf-linux: ILP32, AAPCS with the VFP variant (hard float); long double is double. qemu-arm.
import { ilp32armhf } from '../model/data-model.js';
import { single } from '../model/contract.js';
import { crossSpec, linuxTarget, qemu } from './linux.js';

// pcs("aapcs") passes floating point in core registers (base standard), pcs("aapcs-vfp") in VFP registers.
export const armhfLinux = linuxTarget(
  'armhf-linux', 'AAPCS-VFP', ilp32armhf,
  crossSpec('armhf-linux', 'arm-linux-gnueabihf', ['--target=armv7a-linux-gnueabihf', '-mfpu=vfpv3-d16', '-mfloat-abi=hard']),
  qemu('arm'),
  single('contract-arm.S'),
  ['pcs("aapcs")', 'pcs("aapcs-vfp")'],
);
