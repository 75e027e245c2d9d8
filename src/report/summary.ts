// The summary of a run: what summary.json holds and --json prints. Built from the batches' case
// records as they come in; every case counts somewhere (checked, skipped with a reason, a finding,
// flaky, known, interrupted).
import type { Finding } from '../check/finding.js';
import type { CaseRecord } from '../driver/outcome.js';
import { skipReason } from '../driver/outcome.js';
import { declarationWithTypes } from '../emit/declaration.js';
import type { Signature } from '../model/types.js';
import type { Confirmation } from '../shrink/types.js';
import type { Bucket } from './buckets.js';

export interface SummaryFinding {
  kind: Finding['kind'];
  function: string;
  index: number;
  /** The C declaration with its types. */
  declaration: string;
  detail: string;
  path?: string;
  expected?: string;
  received?: string;
  signal?: string;
  register?: string;
  flag?: string;
  /** compile-error, compiler-crash, compiler-hang: whose compiler, and what it said. */
  compiler?: { side: 'caller' | 'callee'; toolchain: string; message: string };
  caseFile: string;
  /** Re-run alone it came back (confirmed) or not (flaky); absent while joined to another's bucket. */
  confirmation?: Confirmation;
}

/** A generator feature turned off for this pair, and why. */
export interface DisabledFeature {
  feature: string;
  reason: string;
}

export interface Summary {
  summaryVersion: 2;
  target: string;
  seed: number;
  /** Each side's toolchain, flags, and `--version` first line. */
  caller: { toolchain: string; flags: string[]; version?: string };
  callee: { toolchain: string; flags: string[]; version?: string };
  signaturesGenerated: number;
  signaturesChecked: number;
  skipped: number;
  skippedReasons: Record<string, number>;
  /** Cases by how far they got (driver/outcome.ts): checked, unsupported, rejected, crashed, ... */
  outcomes: Record<string, number>;
  /** Hung in their batch but passed alone: not findings, listed so nothing is hidden. */
  flaky: { function: string; reason: string }[];
  /** Findings known-issue rules explain, by rule id: how many, of which kinds, in which functions. */
  known: Record<string, { count: number; byKind: Record<string, number>; functions: string[] }>;
  disabledFeatures: DisabledFeature[];
  elapsedMs: number;
  runDir: string;
  /** Stopped early by a signal or by --out filling up; every finding confirmed so far is listed. */
  interrupted: boolean;
  stopReason?: string;
  /** Milliseconds per phase, summed over parallel jobs (so they can add up to more than elapsedMs). */
  phaseMs: Record<string, number>;
  findings: SummaryFinding[];
  /** Findings deduplicated: one per distinct problem, with the minimal signature and a count. */
  buckets: Bucket[];
}

export function summaryFinding(f: Finding, sig: Signature, caseFile: string): SummaryFinding {
  const { kind, function: fn, index, detail, path, expected, received, signal, register, flag } = f;
  const out: SummaryFinding = { kind, function: fn, index, declaration: declarationWithTypes(sig), detail, caseFile };
  Object.assign(out, Object.fromEntries(Object.entries({ path, expected, received, signal, register, flag }).filter(([, v]) => v !== undefined)));
  if (f.compiler) out.compiler = { side: f.compiler.side, toolchain: f.compiler.toolchain, message: f.compiler.message };
  return out;
}

export function emptySummary(base: Pick<Summary, 'target' | 'seed' | 'caller' | 'callee' | 'runDir' | 'disabledFeatures'>): Summary {
  return {
    summaryVersion: 2, ...base, signaturesGenerated: 0, signaturesChecked: 0, skipped: 0, skippedReasons: {}, outcomes: {},
    flaky: [], known: {}, elapsedMs: 0, interrupted: false, phaseMs: {}, findings: [], buckets: [],
  };
}

/** Counts one case's record. Findings are added as they are written (addFinding), not here. */
export function countRecord(s: Summary, r: CaseRecord): void {
  s.outcomes[r.outcome.kind] = (s.outcomes[r.outcome.kind] ?? 0) + 1;
  if (r.outcome.kind === 'checked') s.signaturesChecked++;
  if (r.outcome.kind === 'flaky') s.flaky.push({ function: r.sig.name, reason: r.outcome.reason });
  const reason = skipReason(r.outcome);
  if (reason) {
    s.skipped++;
    s.skippedReasons[reason] = (s.skippedReasons[reason] ?? 0) + 1;
  }
}

export function addFinding(s: Summary, f: Finding, entry: SummaryFinding): void {
  if (!f.known) {
    s.findings.push(entry);
    return;
  }
  const k = (s.known[f.known] ??= { count: 0, byKind: {}, functions: [] });
  k.count++;
  k.byKind[f.kind] = (k.byKind[f.kind] ?? 0) + 1;
  if (!k.functions.includes(f.function)) k.functions.push(f.function);
}
