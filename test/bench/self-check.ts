// npm run self-check: the false-positive guard. Every target, every compiler family it has, the
// same compiler at -O0 (caller) and -O2 (callee), all convention attributes: any finding here is a
// bug of abifuzz, not of a compiler (or a documented same-compiler bug, counted as known). Prints
// figures and exits 1 on any finding. Long: a nightly job.
// Usage: npm run self-check -- [runs] [seed] [weights, as fuzz --weights: int-complex=1,bf16=4,...]
import { TARGETS } from '../../src/targets/index.js';
import { runFuzz } from './configure.js';

const runs = Number(process.argv[2] ?? 1000);
const seed = Number(process.argv[3] ?? 77);
const weights = process.argv[4];
let bad = 0;
for (const target of Object.values(TARGETS)) {
  const compilers = [target.toolchains.gcc, 'clang-19', ...(target.toolchains.clangClArgs ? ['clang-cl-19'] : [])];
  for (const name of compilers) {
    const o2 = name.startsWith('clang-cl') ? '/O2' : '-O2';
    const s = await runFuzz({ target: target.id, caller: name, callee: name, calleeFlags: o2, seed, runs, ...(weights ? { weights } : {}) });
    bad += s.findings.length;
    const known = Object.entries(s.known).map(([id, k]) => `${id} ${k.count}`).join(', ');
    console.log(`${target.id} ${name} -O0 vs ${o2}: ${s.signaturesChecked} checked, ${s.skipped} skipped, ${s.findings.length} findings` +
      `${known ? ` (known: ${known})` : ''}${Object.keys(s.skippedReasons).length ? ` (skips: ${JSON.stringify(s.skippedReasons)})` : ''} in ${(s.elapsedMs / 1000).toFixed(1)} s${s.findings.length ? `; results ${s.runDir}` : ''}`);
  }
}
console.log(bad ? `${bad} findings: false positives to fix` : 'no findings: no false positives');
process.exitCode = bad ? 1 : 0;
