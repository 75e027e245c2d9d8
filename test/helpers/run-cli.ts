// Runs the built CLI (npm test builds it first) and returns what a user would see.
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/src/cli/main.js', import.meta.url));

export interface CliOptions {
  cwd?: string;
  /** Extra environment (e.g. PATH with a wrapper compiler first). */
  env?: Record<string, string>;
}

export async function runCli(args: string[], opts: CliOptions = {}): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const r = await execa('node', [CLI, ...args], { reject: false, cwd: opts.cwd, stdin: 'ignore', env: opts.env });
  return { exitCode: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}
