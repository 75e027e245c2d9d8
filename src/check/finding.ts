// What a finding is, and how one function's run output becomes findings.
import { declarationWithTypes } from '../emit/batch.js';
import type { Signature } from '../model/types.js';
import { CONTRACT_KINDS, type ContractViolation, type Mismatch, type ParsedRun } from './parse.js';

export type FindingKind =
  | 'arg' | 'return' | 'layout' | 'crash' | 'timeout' | 'compile-error'
  | 'callee-saved' | 'stack-pointer' | 'stack-align' | 'flags';

export interface Finding {
  kind: FindingKind;
  /** Index of the function in its run (fast-check path). */
  index: number;
  function: string;
  /** The C declaration with its type definitions. */
  signature: string;
  /** First mismatching leaf (arg/return) or layout key. */
  path?: string;
  expected?: string;
  received?: string;
  mismatches?: Mismatch[];
  signal?: string;
  /** callee-saved: the first register found clobbered (all are in detail). */
  register?: string;
  /** flags: DF, DF-at-entry, MXCSR or x87-CW. */
  flag?: string;
  detail: string;
}

const CONTRACT_TEXT: Record<ContractViolation['kind'], string> = {
  'callee-saved': 'callee-saved register(s) not preserved',
  'stack-pointer': 'stack pointer wrong after return (bytes popped: expected vs actual)',
  'stack-align': 'stack misaligned at the callee\'s entry (sp modulo the ABI alignment)',
  flags: 'control flags wrong',
};

/** One finding per kind of contract violation: the register or flag named is the first seen. */
function contractFindings(sig: Signature, index: number, decl: string, vs: ContractViolation[]): Finding[] {
  const out: Finding[] = [];
  for (const kind of CONTRACT_KINDS) {
    const mine = vs.filter((v) => v.kind === kind);
    if (!mine.length) continue;
    const first = mine[0]!;
    const f: Finding = {
      kind, index, function: sig.name, signature: decl, path: first.name, expected: first.expected, received: first.received,
      detail: `${sig.name}: ${CONTRACT_TEXT[kind]}: ${mine.map((v) => `${v.name} expected ${v.expected} received ${v.received}`).join('; ')}`,
    };
    if (kind === 'callee-saved') f.register = first.name;
    if (kind === 'flags') f.flag = first.name;
    out.push(f);
  }
  return out;
}

/** Value and layout findings of one function that ran to its end (or as far as it got). */
export function valueFindings(sig: Signature, index: number, run: ParsedRun): Finding[] {
  const out: Finding[] = [];
  const decl = declarationWithTypes(sig);
  const ms = run.mismatches.get(index) ?? [];
  for (const [kind, side] of [['arg', 'callee'], ['return', 'caller']] as const) {
    const mine = ms.filter((m) => m.side === side);
    if (!mine.length) continue;
    const first = mine[0]!;
    const lines = mine.map((m) => `${m.path}${m.offset ? `@${m.offset}` : ''}: expected ${m.expected} received ${m.received}`);
    out.push({
      kind, index, function: sig.name, signature: decl, path: first.path, expected: first.expected, received: first.received,
      mismatches: mine, detail: `${sig.name}: ${mine.length} ${kind === 'arg' ? 'argument' : 'return'} leaf mismatch(es): ${lines.slice(0, 8).join('; ')}`,
    });
  }
  const lay = run.layouts.get(index);
  const callee = lay?.get('callee');
  const caller = lay?.get('caller');
  if (callee && caller) {
    const diffs: string[] = [];
    for (const [key, v] of caller) if (callee.has(key) && callee.get(key) !== v) diffs.push(`${key}: caller ${v} callee ${callee.get(key)}`);
    if (diffs.length) {
      const key = diffs[0]!.split(':')[0]!;
      out.push({
        kind: 'layout', index, function: sig.name, signature: decl, path: key, expected: caller.get(key), received: callee.get(key),
        detail: `${sig.name}: layout differs (sizeof alignof / offsetof): ${diffs.slice(0, 8).join('; ')}`,
      });
    }
  }
  out.push(...contractFindings(sig, index, decl, run.contract.get(index) ?? []));
  return out;
}
