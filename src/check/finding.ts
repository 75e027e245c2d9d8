// What a finding is, and how one function's run output becomes findings. Findings hold structured
// data (kinds, leaf paths, registers, numbers); the C declaration is printed by whoever reports.
import type { Signature } from '../model/types.js';
import { CONTRACT_KINDS, type ContractViolation, type Mismatch, type ParsedRun } from './parse.js';

export const FINDING_KINDS = [
  'arg', 'return', 'arg-clobbered', 'layout', 'crash', 'timeout', 'compile-error', 'compiler-crash', 'compiler-hang',
  'callee-saved', 'stack-pointer', 'stack-align', 'flags',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/**
 * Kinds whose finding is a set of leaf mismatches: the callee read an argument wrong (`arg`), the
 * caller read the return value wrong (`return`), or the caller's own argument object changed across
 * the call (`arg-clobbered`: the callee wrote its parameter and the write reached the caller, as when
 * an argument is passed by reference without the copy the convention requires).
 */
export const VALUE_KINDS = ['arg', 'return', 'arg-clobbered'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];
export const isValueKind = (k: FindingKind): k is ValueKind => (VALUE_KINDS as readonly string[]).includes(k);

/** The kind a mismatch line makes: the caller reports its return value and, after the call, its own arguments. */
export function mismatchKind(m: Mismatch): ValueKind {
  if (m.side === 'callee') return 'arg';
  return /^\**arg\d/.test(m.path) ? 'arg-clobbered' : 'return';
}

/** Which compiler, doing what: for compile-error, compiler-crash and compiler-hang findings. */
export interface CompilerEvent {
  /** The side whose compiler it was ('probe': a feature probe, compiled with that side's flags). */
  side: 'caller' | 'callee';
  toolchain: string;
  flags: string[];
  /** The compiler's own words (the error, or the crash message and the start of its backtrace). */
  message: string;
  /** The exact command, run in the folder that holds `file`. */
  command: string;
  /** The source it compiled: caller.c, callee.c, decl.c (a declaration probe) or probe.c (a feature probe). */
  file: string;
  /** That source, when it is not one of the case's own files (probes). */
  source?: string;
}

export interface Finding {
  kind: FindingKind;
  /** Index of the function in its run (it names the function, f<index>, and salts its values). */
  index: number;
  function: string;
  /** First mismatching leaf (arg/return), layout key, register, or 'sp'. */
  path?: string;
  expected?: string;
  received?: string;
  mismatches?: Mismatch[];
  signal?: string;
  /** callee-saved: the first register found clobbered (all are in detail). */
  register?: string;
  /** flags: DF, DF-at-entry, MXCSR or x87-CW. */
  flag?: string;
  compiler?: CompilerEvent;
  detail: string;
  /** The known-issue rule that explains it (src/check/known-issues.ts), if one does. */
  known?: string;
}

const CONTRACT_TEXT: Record<ContractViolation['kind'], string> = {
  'callee-saved': 'callee-saved register(s) not preserved',
  'stack-pointer': 'stack pointer wrong after return (bytes popped: expected vs actual)',
  'stack-align': 'stack misaligned at the callee\'s entry (sp modulo the ABI alignment)',
  flags: 'control flags wrong',
};

/** One finding per kind of contract violation: the register or flag named is the first seen. */
function contractFindings(sig: Signature, index: number, vs: ContractViolation[]): Finding[] {
  const out: Finding[] = [];
  for (const kind of CONTRACT_KINDS) {
    const mine = vs.filter((v) => v.kind === kind);
    if (!mine.length) continue;
    const first = mine[0]!;
    const f: Finding = {
      kind, index, function: sig.name, path: first.name, expected: first.expected, received: first.received,
      detail: `${sig.name}: ${CONTRACT_TEXT[kind]}: ${mine.map((v) => `${v.name} expected ${v.expected} received ${v.received}`).join('; ')}`,
    };
    if (kind === 'callee-saved') f.register = first.name;
    if (kind === 'flags') f.flag = first.name;
    out.push(f);
  }
  return out;
}

const VALUE_TEXT: Record<ValueKind, (ms: Mismatch[]) => string> = {
  arg: (ms) => `${ms.length} argument leaf mismatch(es)`,
  return: (ms) => `${ms.length} return leaf mismatch(es)`,
  'arg-clobbered': (ms) => `the callee changed the caller's argument ${[...new Set(ms.map((m) => m.path))].slice(0, 8).join(', ')} (passed by reference without a copy?)`,
};

export const mismatchText = (m: Mismatch): string => `${m.path}${m.offset ? `@${m.offset}` : ''}: expected ${m.expected} received ${m.received}`;

/** Value, layout and contract findings of one function that ran to its end (or as far as it got). */
export function valueFindings(sig: Signature, index: number, run: ParsedRun): Finding[] {
  const out: Finding[] = [];
  const ms = run.mismatches.get(index) ?? [];
  for (const kind of VALUE_KINDS) {
    const mine = ms.filter((m) => mismatchKind(m) === kind);
    if (!mine.length) continue;
    const first = mine[0]!;
    out.push({
      kind, index, function: sig.name, path: first.path, expected: first.expected, received: first.received,
      mismatches: mine, detail: `${sig.name}: ${VALUE_TEXT[kind](mine)}: ${mine.slice(0, 8).map(mismatchText).join('; ')}`,
    });
  }
  const lay = run.layouts.get(index);
  const callee = lay?.get('callee');
  const caller = lay?.get('caller');
  if (callee && caller) {
    const diffs = [...caller].filter(([key, v]) => callee.has(key) && callee.get(key) !== v).map(([key]) => key);
    if (diffs.length) {
      const key = diffs[0]!;
      out.push({
        kind: 'layout', index, function: sig.name, path: key, expected: caller.get(key), received: callee.get(key),
        detail: `${sig.name}: layout differs (sizeof alignof / offsetof): ${diffs.slice(0, 8).map((k) => `${k}: caller ${caller.get(k)} callee ${callee.get(k)}`).join('; ')}`,
      });
    }
  }
  out.push(...contractFindings(sig, index, run.contract.get(index) ?? []));
  return out;
}
