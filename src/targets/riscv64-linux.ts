// riscv64-linux: LP64D; long double is IEEE binary128. Runs under qemu-riscv64. GNU ld's
// relaxation is superlinear in the batch size (4 s at 1000 functions), so it is turned off.
import { lp64quad } from '../model/data-model.js';
import { crossToolchains } from './linux.js';
import { riscvLp64d } from '../abi/riscv-lp64d.js';
import type { Target } from './target.js';

export const riscv64Linux: Target = {
  id: 'riscv64-linux',
  abi: 'RISC-V LP64D',
  dataModel: lp64quad(64, false),
  toolchains: crossToolchains('riscv64-linux-gnu', ['--target=riscv64-linux-gnu'], ['-Wl,--no-relax']),
  runner: { kind: 'qemu', arch: 'riscv64' },
  abis: { '': riscvLp64d },
  conventions: [],
  pairRules: [],
};
