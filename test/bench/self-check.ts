// npm run self-check: the false-positive guard. Every target, every compiler family it has, the
// same compiler at -O0 (caller) and -O2 (callee), all convention attributes: any finding here is a
// bug of abifuzz, not of a compiler. Prints figures; asserts nothing. Long: a nightly job.
// Usage: npm run self-check -- [runs] [seed]
import os from 'node:os';
import { DEFAULT_LIMITS } from '../../generators/index.js';
import { fuzz } from '../../src/pipeline.js';
import { TARGETS } from '../../src/targets/index.js';

const runs = Number(process.argv[2] ?? 1000);
const seed = Number(process.argv[3] ?? 77);
let bad = 0;
for (const target of Object.values(TARGETS)) {
  const compilers = [target.toolchains.gcc, 'clang-19', ...(target.toolchains.clangClArgs ? ['clang-cl-19'] : [])];
  for (const name of compilers) {
    const tc = target.resolveToolchain(name);
    const o2 = tc.family === 'clang-cl' ? '/O2' : '-O2';
    const s = await fuzz({
      target, caller: { tc, flags: [] }, callee: { tc, flags: [o2] }, seed, runs, batch: 200, jobs: os.availableParallelism(),
      outDir: os.tmpdir() + '/abifuzz-self-check', keep: false, shrink: false,
      limits: { ...DEFAULT_LIMITS, conventions: target.conventions },
    });
    bad += s.findings.length;
    const known = Object.entries(s.known).map(([id, k]) => `${id} ${k.count}`).join(', ');
    console.log(`${target.id} ${name} -O0 vs ${o2}: ${s.signaturesChecked} checked, ${s.skipped} skipped, ${s.findings.length} findings` +
      `${known ? ` (known: ${known})` : ''} in ${(s.elapsedMs / 1000).toFixed(1)} s${s.findings.length ? `; results ${s.runDir}` : ''}`);
  }
}
console.log(bad ? `${bad} findings: false positives to fix` : 'no findings: no false positives');
