// npm run planted: each planted bug the tests rely on, fuzzed the way a user would, with the time
// to its first confirmed finding and to its minimal case. Prints figures; asserts nothing.
// Usage: npm run planted -- [runs]
import { runFuzz } from './configure.js';

const runs = Number(process.argv[2] ?? 1000);
const fixedX9toX15 = ['9', '10', '11', '12', '13', '14', '15'].map((n) => `-ffixed-x${n}`).join(' ');
const PLANTED: { target: string; gcc: string; caller?: string; callee?: string }[] = [
  { target: 'x86_64-linux', gcc: 'gcc', caller: '-fpcc-struct-return' },
  { target: 'x86_64-linux', gcc: 'gcc', callee: '-fpcc-struct-return' },
  { target: 'x86_64-linux', gcc: 'gcc', callee: '-fcall-used-rbx' },
  { target: 'riscv64-linux', gcc: 'riscv64-linux-gnu-gcc', callee: '-O2 -fcall-used-s1' },
  { target: 'aarch64-linux', gcc: 'aarch64-linux-gnu-gcc', callee: `-O2 -fcall-used-x19 ${fixedX9toX15}` },
  { target: 'i686-linux', gcc: 'i686-linux-gnu-gcc', caller: '-mpreferred-stack-boundary=2' },
  { target: 'i686-linux', gcc: 'i686-linux-gnu-gcc', callee: '-mrtd' },
];

const sec = (ms: number | undefined): string => (ms === undefined ? '-' : `${(ms / 1000).toFixed(1)} s`);
for (const p of PLANTED) {
  const s = await runFuzz({ target: p.target, caller: p.gcc, callee: p.gcc, callerFlags: p.caller, calleeFlags: p.callee, seed: 1, runs, shrink: true });
  const flags = p.caller ? `caller ${p.caller}` : `callee ${p.callee}`;
  console.log(`${p.target} ${p.gcc} ${flags}: ${s.findings.length} findings in ${s.buckets.length} buckets, ${s.signaturesChecked} checked in ${sec(s.elapsedMs)}`);
  for (const b of s.buckets.slice(0, 3)) {
    const decl = b.signature.split('\n').pop();
    console.log(`  ${b.kind} ${b.problem} x${b.count}: first confirmed at ${sec(b.foundAfterMs)}, minimal at ${sec(b.minimalAfterMs)} ` +
      `(shrink ${b.shrink?.steps ?? 0} steps, ${b.shrink?.candidates ?? 0} candidates, ${sec(b.shrink?.ms)}): ${decl}`);
  }
}
