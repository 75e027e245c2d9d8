// aarch64-linux: LP64, AAPCS64; long double is IEEE binary128. Runs under qemu-aarch64.
import { lp64quad } from '../model/data-model.js';
import { single } from '../model/contract.js';
import { crossSpec, linuxTarget, qemu } from './linux.js';

export const aarch64Linux = linuxTarget(
  'aarch64-linux', 'AAPCS64', lp64quad(16, true),
  crossSpec('aarch64-linux', 'aarch64-linux-gnu', ['--target=aarch64-linux-gnu']),
  qemu('aarch64'),
  single('contract-aarch64.S'),
);
