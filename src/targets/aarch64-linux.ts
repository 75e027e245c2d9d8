// aarch64-linux: LP64, AAPCS64; long double is IEEE binary128. Runs under qemu-aarch64.
import { lp64quad } from '../model/data-model.js';
import { crossToolchains } from './linux.js';
import { aapcs64 } from '../abi/aapcs64.js';
import { aarch64VectorPcs } from '../abi/aarch64-vector-pcs.js';
import { preserveAllA64, preserveMostA64 } from '../abi/clang-preserve.js';
import { preserveNoneA64 } from '../abi/clang-preserve-none.js';
import type { Target } from './target.js';

export const aarch64Linux: Target = {
  id: 'aarch64-linux',
  abi: 'AAPCS64',
  dataModel: lp64quad(16, true),
  toolchains: crossToolchains('aarch64-linux-gnu', ['--target=aarch64-linux-gnu']),
  runner: { kind: 'qemu', arch: 'aarch64' },
  // preserve_most, preserve_all and the vector PCS keep AAPCS64's arguments and save more registers;
// preserve_none passes more arguments in registers and saves only x29. None is fuzzed unless asked for.
  abis: { '': aapcs64, preserve_most: preserveMostA64, preserve_all: preserveAllA64, aarch64_vector_pcs: aarch64VectorPcs, preserve_none: preserveNoneA64 },
  conventions: [],
  extraConventions: ['preserve_most', 'preserve_all', 'aarch64_vector_pcs', 'preserve_none'],
  pairRules: [
    { family: 'gcc', dropConventions: ['preserve_most', 'preserve_all', 'preserve_none'], reason: "gcc ignores preserve_most, preserve_all and preserve_none (warning: attribute directive ignored): fuzzing them against gcc would test gcc's C convention against clang's" },
  ],
};
