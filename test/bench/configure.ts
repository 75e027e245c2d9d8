// The scripts' way to a run: the same configuration `abifuzz fuzz` resolves from its options.
import os from 'node:os';
import { fuzzConfig, type FuzzCliOptions } from '../../src/cli/commands/fuzz.js';
import { fuzz } from '../../src/pipeline/run.js';
import type { Summary } from '../../src/report/summary.js';

export async function runFuzz(opts: Partial<FuzzCliOptions> & { target: string }): Promise<Summary> {
  const cfg = await fuzzConfig({ batch: 200, jobs: os.availableParallelism(), out: `${os.tmpdir()}/abifuzz-bench`, shrink: false, ...opts });
  return fuzz(cfg, new AbortController().signal);
}
