// Run a batch executable. A crash or a hang is a result, not an exception.
import type { Target } from '../src/targets/target.js';
import { run } from './process.js';

export type RunOutcome =
  | { kind: 'exited'; code: number; stdout: string }
  | { kind: 'crash'; signal: string; stdout: string }
  | { kind: 'timeout'; afterMs: number; stdout: string };

/** Runs the tests with the given ids (all of them when null). */
export async function runTests(runner: Target['runner'], exe: string, ids: number[] | null, timeoutMs: number): Promise<RunOutcome> {
  const [file, pre] = runner.command(exe);
  const r = await run(file, [...pre, ...(ids ? ids.map(String) : [])], { timeoutMs });
  if (r.timedOut) return { kind: 'timeout', afterMs: timeoutMs, stdout: r.stdout };
  if (r.signal) return { kind: 'crash', signal: r.signal, stdout: r.stdout };
  return { kind: 'exited', code: r.exitCode ?? -1, stdout: r.stdout };
}
