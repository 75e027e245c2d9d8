import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/check/finding.js';
import type { CaseRecord } from '../../../src/driver/outcome.js';
import type { Signature } from '../../../src/model/types.js';
import { addFinding, countRecord, emptySummary, summaryFinding } from '../../../src/report/summary.js';

const sig = (n: number): Signature => ({ name: `f${n}`, ret: 'void', params: [{ type: { kind: 'scalar', name: 'int' } }], variadic: null });
const rec = (n: number, outcome: CaseRecord['outcome'], ranTo: CaseRecord['ranTo'] = 'check'): CaseRecord => ({ index: n, sig: sig(n), ranTo, outcome, findings: [] });
const base = { target: 't', seed: 1, caller: { toolchain: 'a', flags: [] }, callee: { toolchain: 'b', flags: [] }, runDir: '/r', disabledFeatures: [] };

describe('summary counting', () => {
  it('counts every case by outcome, skips by reason, and lists flaky ones', () => {
    const s = emptySummary(base);
    countRecord(s, rec(0, { kind: 'checked' }));
    countRecord(s, rec(1, { kind: 'checked' }));
    countRecord(s, rec(2, { kind: 'unsupported', reason: 'clang-14 rejects _Float16' }, 'generate'));
    countRecord(s, rec(3, { kind: 'rejected', reason: 'both reject the declaration: x' }, 'build'));
    countRecord(s, rec(4, { kind: 'flaky', reason: 'hung in its batch, passed alone' }, 'run'));
    countRecord(s, rec(5, { kind: 'compiler-crash' }, 'build'));
    expect(s.signaturesChecked).toBe(2);
    expect(s.skipped).toBe(2);
    expect(s.skippedReasons).toEqual({ 'clang-14 rejects _Float16': 1, 'both reject the declaration: x': 1 });
    expect(s.outcomes).toEqual({ checked: 2, unsupported: 1, rejected: 1, flaky: 1, 'compiler-crash': 1 });
    expect(s.flaky).toEqual([{ function: 'f4', reason: 'hung in its batch, passed alone' }]);
  });

  it('known findings count by rule and function, not as findings', () => {
    const s = emptySummary(base);
    const f = (n: number, known?: string): Finding => ({ kind: 'arg', index: n, function: `f${n}`, detail: 'd', ...(known ? { known } : {}) });
    for (const [n, k] of [[1, 'r1'], [1, 'r1'], [2, 'r1'], [3, undefined]] as const) addFinding(s, f(n, k), summaryFinding(f(n, k), sig(n), `/c${n}`));
    expect(s.findings.map((x) => x.function)).toEqual(['f3']);
    expect(s.known).toEqual({ r1: { count: 3, byKind: { arg: 3 }, functions: ['f1', 'f2'] } });
    expect(s.findings[0]!.declaration).toBe('void f3(int a0);');
  });
});
