// A toolchain's `--version` first line, as reports and baselines name it.
import type { Spawner } from '../process.js';
import type { Side } from './toolchain.js';

export async function versionOf(spawn: Spawner, side: Side, modelVersion: string): Promise<string> {
  if (side.tc.family === 'model') return `abifuzz psABI model ${modelVersion}${side.tc.id.includes(':') ? ` (${side.tc.id.slice(6)} dialects)` : ''}`;
  const r = await spawn.run(side.tc.bin, [...(side.tc.family === 'clang-cl' ? side.tc.targetArgs : []), '--version'], { phase: 'probe', timeoutMs: 30_000 });
  return r.stdout.split('\n').find((l) => l.trim())?.trim() ?? `${side.tc.bin} (no version)`;
}
