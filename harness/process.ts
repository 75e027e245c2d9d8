// The one place processes are spawned. Each run owns a Spawner: at most `jobs` children at a
// time, each in its own process group (compilers, qemu and wine make trees) so a timeout or a stop
// kills the whole tree; failures, timeouts and stops are values (execa reject:false), never throws.
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import os from 'node:os';
import pLimit from 'p-limit';

export interface ProcResult {
  exitCode: number | undefined;
  signal: string | undefined;
  /** Killed by the spawner after opts.timeoutMs. */
  timedOut: boolean;
  /** Killed (or never started) because the run is stopping: the result means nothing. */
  interrupted: boolean;
  stdout: string;
  stderr: string;
  command: string;
  ms: number;
}

export type Phase = 'probe' | 'compile' | 'link' | 'run';

export interface RunOptions {
  cwd?: string;
  timeoutMs?: number;
  phase?: Phase;
  env?: Record<string, string>;
  /** Write stdout to this file instead of a pipe (wine's background processes would hold a pipe open). */
  stdoutFile?: string;
}

export interface Spawner {
  run(file: string, args: string[], opts?: RunOptions): Promise<ProcResult>;
  /** Kills every child's process group and refuses new ones; results come back `interrupted`. */
  stopAll(): void;
  readonly stopped: boolean;
  /** Wall-clock milliseconds per phase, summed over children (they overlap across jobs). */
  readonly phaseMs: Record<Phase, number>;
}

/** Marks every child of a run in its environment, so a test can find stray ones in /proc. */
export const RUN_MARKER = 'ABIFUZZ_RUN_ID';

/**
 * Address space a compiler, linker or probe may take: its share of the machine's memory (at least
 * 2 GiB, at most 8). A compiler that blows up (clang-19 took 16 GiB at -O0 on an armv7 struct of
 * double vectors without NEON) then fails on its own as a crash instead of taking the machine, and
 * the run, down with it. Programs under test are not capped (qemu-user reserves guest address space).
 */
export function toolMemoryCap(jobs: number, total = os.totalmem()): number {
  const gib = 2 ** 30;
  return Math.max(2 * gib, Math.min(8 * gib, Math.floor(total / (Math.max(1, jobs) + 1))));
}

const PRLIMIT = '/usr/bin/prlimit';

function killGroup(pid: number | undefined): void {
  if (!pid) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

export function spawner(jobs: number, runId = `${process.pid}`): Spawner {
  const limit = pLimit(Math.max(1, jobs));
  const live = new Set<number>();
  const phaseMs: Record<Phase, number> = { probe: 0, compile: 0, link: 0, run: 0 };
  let stopped = false;
  const interrupted = (command: string): ProcResult => ({
    exitCode: undefined, signal: undefined, timedOut: false, interrupted: true, stdout: '', stderr: '', command, ms: 0,
  });
  const cap = toolMemoryCap(jobs);
  const capped = existsSync(PRLIMIT);
  const spawnOne = async (file: string, args: string[], opts: RunOptions): Promise<ProcResult> => {
    const command = [file, ...args].join(' ');
    if (stopped) return interrupted(command);
    const started = performance.now();
    const [bin, argv] = capped && (opts.phase ?? 'run') !== 'run' ? [PRLIMIT, [`--as=${cap}`, '--', file, ...args]] : [file, args];
    const child = execa(bin, argv, {
      reject: false,
      detached: true, // its own process group: killed as a whole
      cwd: opts.cwd,
      stripFinalNewline: false,
      maxBuffer: 64 * 1024 * 1024,
      stdin: 'ignore',
      env: { ...opts.env, [RUN_MARKER]: runId },
      ...(opts.stdoutFile ? { stdout: { file: opts.stdoutFile }, stderr: 'ignore' as const } : {}),
    });
    const pid = child.pid;
    if (pid) live.add(pid);
    let timedOut = false;
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          killGroup(pid);
        }, opts.timeoutMs)
      : undefined;
    const r = await child;
    if (timer) clearTimeout(timer);
    if (pid) live.delete(pid);
    const ms = performance.now() - started;
    phaseMs[opts.phase ?? 'run'] += ms;
    if (stopped && !timedOut && (r.signal || r.exitCode !== 0)) return interrupted(command);
    return {
      exitCode: r.exitCode, signal: r.signal, timedOut, interrupted: false,
      stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? ''), command, ms,
    };
  };
  return {
    run: (file, args, opts = {}) => limit(() => spawnOne(file, args, opts)),
    stopAll() {
      stopped = true; // queued children start as `interrupted` without spawning
      for (const pid of live) killGroup(pid);
    },
    get stopped() {
      return stopped;
    },
    phaseMs,
  };
}
