// armhf-linux: ILP32, AAPCS with the VFP variant (hard float); long double is double. qemu-arm.
import { ilp32armhf } from '../model/data-model.js';
import { crossToolchains } from './linux.js';
import { aapcsVfp } from '../abi/aapcs-vfp.js';
import type { Target } from './target.js';

// pcs("aapcs") passes floating point in core registers (base standard), pcs("aapcs-vfp") in VFP registers.
export const armhfLinux: Target = {
  id: 'armhf-linux',
  abi: 'AAPCS-VFP',
  dataModel: ilp32armhf,
  // --no-warn-mismatch: ld refuses to link a side built for another float ABI (-mfloat-abi=softfp);
  // linked, the disagreement shows as what it is, a finding.
  toolchains: crossToolchains('arm-linux-gnueabihf', ['--target=armv7a-linux-gnueabihf', '-mfpu=vfpv3-d16', '-mfloat-abi=hard'], ['-Wl,--no-warn-mismatch']),
  runner: { kind: 'qemu', arch: 'arm' },
  abis: { '': aapcsVfp, 'pcs("aapcs")': aapcsVfp, 'pcs("aapcs-vfp")': aapcsVfp },
  conventions: ['pcs("aapcs")', 'pcs("aapcs-vfp")'],
  pairRules: [],
};
