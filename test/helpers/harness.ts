// The harness pieces a test needs to compile, link and run by hand, as the pipeline does.
import type { BuildContext } from '../../harness/build.js';
import { spawner } from '../../harness/process.js';

export function testBuild(jobs = 2): BuildContext {
  return { spawn: spawner(jobs, `test-${process.pid}`), compileTimeoutMs: 180_000 };
}
