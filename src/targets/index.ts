// Target registry: id → Target. Unknown ids are usage errors.
import { UsageError } from '../errors.js';
import type { Target } from './target.js';
import { x86_64Linux } from './x86_64-linux.js';

export const TARGETS: Record<string, Target> = { 'x86_64-linux': x86_64Linux };

export function hostTarget(): string {
  return process.arch === 'x64' && process.platform === 'linux' ? 'x86_64-linux' : `${process.arch}-${process.platform}`;
}

export function targetById(id: string): Target {
  const t = TARGETS[id];
  if (!t) throw new UsageError(`unknown target '${id}' (known: ${Object.keys(TARGETS).join(', ')})`, 'ABIFUZZ_UNKNOWN_TARGET');
  return t;
}
