// The harness pieces a test needs to compile, link and run by hand, as the pipeline does.
import { join } from 'node:path';
import { expect } from 'vitest';
import { compile, link, type BuildContext } from '../../harness/build.js';
import { spawner } from '../../harness/process.js';
import { runTests } from '../../harness/run.js';
import { runnerFor } from '../../harness/runners/index.js';
import { runtimeCache } from '../../harness/runtime-objects.js';
import { linkerOf } from '../../harness/toolchains/registry.js';
import type { Toolchain } from '../../harness/toolchains/toolchain.js';
import { valueFindings, type Finding } from '../../src/check/finding.js';
import { parseRunOutput } from '../../src/check/parse.js';
import { trampolineFile } from '../../src/emit/asm/trampolines.js';
import type { Signature } from '../../src/model/types.js';
import type { Target } from '../../src/targets/target.js';

export function testBuild(jobs = 2): BuildContext {
  return { spawn: spawner(jobs, `test-${process.pid}`), compileTimeoutMs: 180_000 };
}

/**
 * Compiles the caller.c and callee.c already written in `dir` with `compiler` (a toolchain of
 * `target`), links them with the target's runtime, runs the test and returns f<index>'s value
 * findings. Any build or run failure fails the test, saying why.
 */
export async function buildAndCheck(dir: string, target: Target, compiler: Toolchain, flags: string[], sig: Signature, index = 0): Promise<Finding[]> {
  const build = testBuild();
  for (const src of ['caller.c', 'callee.c']) {
    const c = await compile(build, { tc: compiler, flags }, dir, src, `${src}.o`);
    expect(c.kind, c.kind === 'rejected' ? c.stderr : c.kind).toBe('built');
  }
  const linker = linkerOf(target);
  const runtime = await runtimeCache(build, join(dir, 'cache'))(linker, trampolineFile(target));
  if (!runtime.ok) throw new Error(runtime.message);
  const ln = await link(build, linker, dir, ['caller.c.o', 'callee.c.o', ...runtime.objects], 'test.exe');
  expect(ln.kind, ln.kind === 'link-failed' ? ln.stderr : '').toBe('linked');
  const out = await runTests(build.spawn, runnerFor(target), join(dir, 'test.exe'), null, 60_000);
  expect(out.kind, out.stdout).toBe('exited');
  return valueFindings(sig, index, parseRunOutput(out.stdout));
}
