// npm run bench: signatures checked per second and where the time goes. Prints figures; asserts nothing.
// Usage: npm run bench -- [runs] [pairs...]   e.g. npm run bench -- 1000 gcc:clang-19:-O2
import { runFuzz } from './configure.js';

const runs = Number(process.argv[2] ?? 1000);
const pairs = process.argv.slice(3).length ? process.argv.slice(3) : ['gcc:clang-19:-O0', 'gcc:clang-19:-O2', 'clang-19:clang-19:-O0'];
for (const p of pairs) {
  const [a, b, opt] = p.split(':') as [string, string, string];
  const s = await runFuzz({ target: 'x86_64-linux', caller: a, callee: b, callerFlags: opt, calleeFlags: opt, seed: 1, runs, conventions: 'none' });
  const rate = (s.signaturesChecked * 1000) / s.elapsedMs;
  const total = Object.values(s.phaseMs).reduce((x, y) => x + y, 0);
  const share = Object.entries(s.phaseMs).map(([k, v]) => `${k} ${((100 * v) / total).toFixed(0)}%`).join(' ');
  console.log(`${a} calls ${b} ${opt}: ${s.signaturesChecked} signatures in ${(s.elapsedMs / 1000).toFixed(1)} s = ${rate.toFixed(0)}/s; ${share}`);
}
