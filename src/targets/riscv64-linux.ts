// riscv64-linux: LP64D; long double is IEEE binary128. Runs under qemu-riscv64. GNU ld's
// relaxation is superlinear in the batch size (4 s at 1000 functions), so it is turned off.
import { lp64quad } from '../model/data-model.js';
import { single } from '../model/contract.js';
import { crossSpec, linuxTarget, qemu } from './linux.js';

export const riscv64Linux = linuxTarget(
  'riscv64-linux', 'RISC-V LP64D', lp64quad(64, false),
  crossSpec('riscv64-linux', 'riscv64-linux-gnu', ['--target=riscv64-linux-gnu'], ['-Wl,--no-relax']),
  qemu('riscv64'),
  single('contract-riscv64.S'),
);
