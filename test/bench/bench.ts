// npm run bench: signatures checked per second and where the time goes. Prints figures; asserts nothing.
// Usage: npm run bench -- [runs] [pairs...]   e.g. npm run bench -- 1000 gcc:clang-19:-O2
import os from 'node:os';
import { DEFAULT_LIMITS } from '../../generators/index.js';
import { fuzz } from '../../src/pipeline.js';
import { targetById } from '../../src/targets/index.js';

const runs = Number(process.argv[2] ?? 1000);
const pairs = process.argv.slice(3).length ? process.argv.slice(3) : ['gcc:clang-19:-O0', 'gcc:clang-19:-O2', 'clang-19:clang-19:-O0'];
const target = targetById('x86_64-linux');
for (const p of pairs) {
  const [a, b, opt] = p.split(':') as [string, string, string];
  const flags = opt ? [opt] : [];
  const s = await fuzz({
    target, caller: { tc: target.resolveToolchain(a), flags }, callee: { tc: target.resolveToolchain(b), flags },
    seed: 1, runs, batch: 200, jobs: os.availableParallelism(), outDir: os.tmpdir() + '/abifuzz-bench', keep: false, limits: DEFAULT_LIMITS,
  });
  const rate = (s.signaturesChecked * 1000) / s.elapsedMs;
  const total = Object.values(s.phaseMs).reduce((x, y) => x + y, 0);
  const share = Object.entries(s.phaseMs).map(([k, v]) => `${k} ${((100 * v) / total).toFixed(0)}%`).join(' ');
  console.log(`${a} calls ${b} ${opt}: ${s.signaturesChecked} signatures in ${(s.elapsedMs / 1000).toFixed(1)} s = ${rate.toFixed(0)}/s; ${share}`);
}
