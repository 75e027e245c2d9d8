// The one place processes are spawned. Failures are values (execa reject:false); a global
// limiter keeps at most --jobs compilers, linkers and tests running at once.
import { execa } from 'execa';
import pLimit, { type LimitFunction } from 'p-limit';
import os from 'node:os';

export interface ProcResult {
  exitCode: number | undefined;
  signal: string | undefined;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  command: string;
}

let limiter: LimitFunction = pLimit(Math.max(1, os.availableParallelism()));

export function setJobs(jobs: number): void {
  limiter = pLimit(jobs);
}

export type Phase = 'probe' | 'compile' | 'link' | 'run';

/** Wall-clock milliseconds spent per phase, summed over processes (they overlap across jobs). */
export const phaseMs: Record<Phase | 'generate' | 'emit', number> = { probe: 0, compile: 0, link: 0, run: 0, generate: 0, emit: 0 };

export interface RunOptions {
  cwd?: string;
  timeoutMs?: number;
  phase?: Phase;
  env?: Record<string, string>;
  /** Write stdout to this file instead of a pipe (wine's background processes would hold a pipe open). */
  stdoutFile?: string;
}

export function run(file: string, args: string[], opts: RunOptions = {}): Promise<ProcResult> {
  return limiter(async () => {
    const started = performance.now();
    const r = await execa(file, args, {
      reject: false,
      cwd: opts.cwd,
      timeout: opts.timeoutMs,
      killSignal: 'SIGKILL',
      stripFinalNewline: false,
      maxBuffer: 64 * 1024 * 1024,
      stdin: 'ignore',
      env: opts.env,
      ...(opts.stdoutFile ? { stdout: { file: opts.stdoutFile }, stderr: 'ignore' as const } : {}),
    });
    phaseMs[opts.phase ?? 'run'] += performance.now() - started;
    return {
      exitCode: r.exitCode,
      signal: r.signal,
      timedOut: r.timedOut,
      stdout: String(r.stdout ?? ''),
      stderr: String(r.stderr ?? ''),
      command: [file, ...args].join(' '),
    };
  });
}
