// npm run model-check: the psABI model against each compiler of a target, both directions, at -O0
// and -O2. Findings here are either bugs of the model (to fix from the psABI text) or real compiler
// deviations not yet documented as a dialect. Prints figures; exits 1 on any finding.
// Usage: npm run model-check -- [runs] [seed] [target] [compilers, comma-separated] [extra compiler flags] [weights, as fuzz --weights] [conventions, as fuzz --conventions]
// (extra flags such as -mmmx reach the model too: it speaks the ISA features the compiler has)
import { TARGETS } from '../../src/targets/index.js';
import { runFuzz } from './configure.js';

const runs = Number(process.argv[2] ?? 2000);
const seed = Number(process.argv[3] ?? 1);
const target = TARGETS[process.argv[4] ?? 'x86_64-linux']!;
const compilers = (process.argv[5] ?? `${target.toolchains.gcc},clang-19${target.toolchains.clangClArgs ? ',clang-cl-19' : ''}`).split(',');
const extra = (process.argv[6] ?? '').split(' ').filter(Boolean);
const weights = process.argv[7] || undefined;
const conventions = process.argv[8];
let bad = 0;
for (const cc of compilers)
  for (const opt of ['-O0', '-O2'])
    for (const [caller, callee] of [['model', cc], [cc, 'model']] as const) {
      const flag = [cc.startsWith('clang-cl') ? opt.replace('-', '/') : opt, ...extra].join(' ');
      const s = await runFuzz({
        target: target.id, caller, callee, seed, runs, shrink: false, ...(weights ? { weights } : {}), ...(conventions ? { conventions } : {}),
        ...(caller === 'model' ? { calleeFlags: flag } : { callerFlags: flag }),
      });
      bad += s.findings.length;
      const known = Object.values(s.known).reduce((n, k) => n + k.count, 0);
      console.log(`${target.id} ${caller} -> ${callee} ${flag}: ${s.signaturesChecked} checked, ${s.skipped} skipped${weights || conventions ? ` ${JSON.stringify(s.skippedReasons)}` : ''}, ${s.findings.length} findings, ${known} explained by dialects or rules` +
        ` in ${(s.elapsedMs / 1000).toFixed(0)} s${s.findings.length ? `; results ${s.runDir}` : ''}`);
      for (const f of s.findings.slice(0, 5)) console.log(`    ${f.kind} ${f.function}: ${f.detail.slice(0, 160)}`);
    }
console.log(bad ? `${bad} findings against the model` : 'no findings against the model');
process.exitCode = bad ? 1 : 0;
