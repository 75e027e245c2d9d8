// Target registry: id → Target. Unknown ids are usage errors. Adding a target is adding a module here.
import type { Abi } from '../abi/abi.js';
import { UsageError } from '../errors.js';
import type { Signature } from '../model/types.js';
import { aarch64Linux } from './aarch64-linux.js';
import { armhfLinux } from './armhf-linux.js';
import { i686Linux } from './i686-linux.js';
import { riscv64Linux } from './riscv64-linux.js';
import type { Target } from './target.js';
import { x86_64Linux } from './x86_64-linux.js';
import { x86_64Windows } from './x86_64-windows.js';

export const TARGETS: Record<string, Target> = Object.fromEntries(
  [x86_64Linux, i686Linux, aarch64Linux, riscv64Linux, armhfLinux, x86_64Windows].map((t) => [t.id, t]),
);

export function hostTarget(): string {
  return process.arch === 'x64' && process.platform === 'linux' ? 'x86_64-linux' : `${process.arch}-${process.platform}`;
}

export function targetById(id: string): Target {
  const t = TARGETS[id];
  if (!t) throw new UsageError(`unknown target '${id}' (known: ${Object.keys(TARGETS).join(', ')})`, 'ABIFUZZ_UNKNOWN_TARGET');
  return t;
}

/** The psABI module that governs a signature on a target (its convention attribute, or the default). */
export function abiOf(t: Target, sig: Signature): Abi {
  return t.abis[sig.convention ?? ''] ?? t.abis['']!;
}
