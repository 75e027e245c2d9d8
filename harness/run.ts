// Run a batch executable. A crash or a hang is a result, not an exception.
import { readFile } from 'node:fs/promises';
import type { Spawner } from './process.js';
import type { Runner } from './runners/runner.js';

export type RunOutcome =
  | { kind: 'exited'; code: number; stdout: string }
  | { kind: 'crash'; signal: string; stdout: string }
  | { kind: 'timeout'; afterMs: number; stdout: string }
  | { kind: 'interrupted'; stdout: string };

let outputs = 0;

/** Runs the tests with the given ids (all of them when null). */
export async function runTests(spawn: Spawner, runner: Runner, exe: string, ids: number[] | null, timeoutMs: number): Promise<RunOutcome> {
  const [file, pre] = runner.command(exe);
  const stdoutFile = runner.outputToFile ? `${exe}.out${outputs++}.txt` : undefined;
  const r = await spawn.run(file, [...pre, ...(ids ? ids.map(String) : [])], { timeoutMs, env: runner.env, stdoutFile, phase: 'run' });
  if (stdoutFile) r.stdout = await readFile(stdoutFile, 'utf8').catch(() => '');
  if (r.interrupted) return { kind: 'interrupted', stdout: r.stdout };
  if (r.timedOut) return { kind: 'timeout', afterMs: timeoutMs, stdout: r.stdout };
  if (r.signal) return { kind: 'crash', signal: r.signal, stdout: r.stdout };
  // Windows programs under wine die with an exception code, not a signal.
  if (runner.outputToFile && r.exitCode !== 0) return { kind: 'crash', signal: windowsException(r.exitCode), stdout: r.stdout };
  return { kind: 'exited', code: r.exitCode ?? -1, stdout: r.stdout };
}

/** How a program under wine reports the exception that killed it: its exit code (repro.sh decodes these too). */
export const WINDOWS_EXCEPTIONS: Record<number, string> = { 5: 'EXCEPTION_ACCESS_VIOLATION', 0xfd: 'EXCEPTION_STACK_OVERFLOW', 0x1d: 'EXCEPTION_ILLEGAL_INSTRUCTION' };

export function windowsException(code: number | undefined): string {
  return WINDOWS_EXCEPTIONS[code ?? -1] ?? `exit code ${code}`;
}
