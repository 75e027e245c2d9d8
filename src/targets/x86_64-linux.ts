// x86_64-linux: LP64, SysV AMD64 psABI; gcc and every clang-N on PATH; runs natively.
import { lp64x86 } from '../model/data-model.js';
import { defaultPair, findToolchains, resolveToolchain } from '../../harness/toolchains/registry.js';
import type { Target } from './target.js';

export const x86_64Linux: Target = {
  id: 'x86_64-linux',
  abi: 'SysV AMD64',
  dataModel: lp64x86,
  findToolchains: () => findToolchains('x86_64-linux'),
  resolveToolchain: (id) => resolveToolchain('x86_64-linux', id),
  defaultPair: () => defaultPair('x86_64-linux'),
  runner: { id: 'native', command: (exe) => [exe, []] },
};
