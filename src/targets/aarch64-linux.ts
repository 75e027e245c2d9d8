// aarch64-linux: LP64, AAPCS64; long double is IEEE binary128. Runs under qemu-aarch64.
import { lp64quad } from '../model/data-model.js';
import { crossToolchains } from './linux.js';
import { aapcs64 } from '../abi/aapcs64.js';
import type { Target } from './target.js';

export const aarch64Linux: Target = {
  id: 'aarch64-linux',
  abi: 'AAPCS64',
  dataModel: lp64quad(16, true),
  toolchains: crossToolchains('aarch64-linux-gnu', ['--target=aarch64-linux-gnu']),
  runner: { kind: 'qemu', arch: 'aarch64' },
  abis: { '': aapcs64 },
  conventions: [],
  pairRules: [],
};
