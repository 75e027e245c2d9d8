// The shrink walk keeps to its budget inside a batch too: every step's batch is handed the time the
// budget ends (the driver stops re-running a batch whose program died past it), and the final run
// of the minimal case alone only the run's own deadline. Before, a crash that every candidate
// shared ran its batch once per candidate: a 120-second budget took 1128 s.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, signatureAt } from '../../../generators/index.js';
import type { Finding } from '../../../src/check/finding.js';
import { lp64x86 } from '../../../src/model/data-model.js';
import { shrinkFinding, type Candidate, type ShrinkContext } from '../../../src/shrink/shrink.js';

const crash = (index: number): Finding => ({ kind: 'crash', index, function: `f${index}`, detail: 'killed by SIGSEGV', signal: 'SIGSEGV' });

function context(extra: Partial<ShrinkContext>, calls: { cands: Candidate[]; deadline: number | undefined }[]): ShrinkContext {
  return {
    dataModel: lp64x86, seed: 7, limits: DEFAULT_LIMITS, chunk: 8, budgetMs: 60_000, shrink: true,
    // Every candidate crashes the same way: the walk goes on until nothing smaller is left.
    async runCandidates(cands, deadline) {
      calls.push({ cands, deadline });
      return new Map(cands.map((c) => [c.index, [crash(c.index)]]));
    },
    ...extra,
  };
}

describe('shrinkFinding', () => {
  it("hands each step's batch the end of the budget, and the confirmation of the minimal case no budget", async () => {
    const calls: { cands: Candidate[]; deadline: number | undefined }[] = [];
    const before = Date.now();
    const r = await shrinkFinding(context({}, calls), crash(8), signatureAt(lp64x86, DEFAULT_LIMITS, 7, '8'), '8');
    const after = Date.now();
    expect(r.info.steps).toBeGreaterThan(0);
    const steps = calls.slice(0, -1);
    for (const c of steps) {
      expect(c.deadline).toBeGreaterThanOrEqual(before + 60_000);
      expect(c.deadline).toBeLessThanOrEqual(after + 60_000);
    }
    expect(calls[calls.length - 1]!.cands).toHaveLength(1);
    expect(calls[calls.length - 1]!.deadline).toBeUndefined();
  });

  it("the run's own deadline (--time), when sooner, bounds the steps and the confirmation", async () => {
    const calls: { cands: Candidate[]; deadline: number | undefined }[] = [];
    const deadline = Date.now() + 30_000;
    await shrinkFinding(context({ deadline }, calls), crash(8), signatureAt(lp64x86, DEFAULT_LIMITS, 7, '8'), '8');
    expect(calls.every((c) => c.deadline === deadline)).toBe(true);
  });
});
