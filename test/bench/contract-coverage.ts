// npm run contract-coverage: for conventions whose callee-saved registers can carry a call's
// arguments or result (src/abi AbiContract.returnChains: preserve_most, preserve_all, regcall), how
// often the contract trampoline a call gets still checks each of those registers, over N signatures
// of one seed that carry the convention. A register the call may occupy goes unchecked; where the
// model cannot plan, the ABI module's bound (chainsAtMost) decides, so a loose bound shows up here.
// Usage: node dist/test/bench/contract-coverage.js [count] [seed] [weights, as fuzz --weights]
import { DEFAULT_LIMITS, generateSignatures, withWeights } from '../../generators/index.js';
import { callChecksOf, trampolineSpecs } from '../../src/emit/asm/trampolines.js';
import { TARGETS } from '../../src/targets/index.js';

const count = Number(process.argv[2] ?? 2000);
const seed = Number(process.argv[3] ?? 1);
const spec = process.argv[4] ?? '';

for (const target of Object.values(TARGETS)) {
  const chained = Object.entries(target.abis).filter(([c, abi]) => c !== '' && abi.contract.returnChains);
  for (const [convention, abi] of chained) {
    const limits = withWeights({ ...DEFAULT_LIMITS, conventions: [convention] }, spec);
    if (typeof limits === 'string') throw new Error(limits);
    const sigs = generateSignatures(target.dataModel, limits, seed, 0, count).filter((s) => s.convention === convention);
    const checks = callChecksOf(target, { compiler: 'clang-19', features: new Set(), dataModel: target.dataModel });
    const specs = trampolineSpecs(target);
    const checked = new Map<string, number>(abi.contract.returnChains!.flat().map((r) => [r, 0]));
    for (const sig of sigs) {
      const t = specs[checks.trampoline(sig).variant]!;
      for (const r of t.regs) if (checked.has(r.name)) checked.set(r.name, checked.get(r.name)! + 1);
    }
    const cells = [...checked].map(([r, n]) => `${r} ${n}`).join(', ');
    console.log(`${target.id} ${convention}: ${sigs.length} signatures (seed ${seed}); checked in: ${cells}`);
  }
}
