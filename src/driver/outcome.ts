// One record per case: how far it got through generate → build → link → run → check (abi-cafe's
// ran_to) and the outcome of the stage it stopped at. Nothing leaves a batch without a record.
import type { Finding } from '../check/finding.js';
import type { Signature } from '../model/types.js';

export type Stage = 'generate' | 'build' | 'link' | 'run' | 'check';

export type CaseOutcome =
  /** A compiler of the pair cannot express a feature it uses (a probe said so): a counted skip. */
  | { kind: 'unsupported'; reason: string }
  /** A compile error that is no disagreement (both reject its declaration, or both accept it): a counted skip. */
  | { kind: 'rejected'; reason: string }
  /** One compiler rejects the declaration the other accepts: a finding. */
  | { kind: 'compile-error' }
  | { kind: 'compiler-crash' }
  | { kind: 'compiler-hang' }
  /** The pair's objects do not link (e.g. one compiler names the function differently): a counted skip. */
  | { kind: 'link-failed'; reason: string }
  | { kind: 'crashed'; signal: string }
  | { kind: 'timed-out' }
  /** Hung in its batch but passed when run alone: recorded, not a finding. */
  | { kind: 'flaky'; reason: string }
  /** Its batch died before this test began, for a reason no test explains: a counted skip. */
  | { kind: 'not-run'; reason: string }
  | { kind: 'checked' }
  /** The run was stopping (SIGINT, SIGTERM) before this case finished. */
  | { kind: 'interrupted' };

export interface CaseRecord {
  index: number;
  sig: Signature;
  ranTo: Stage;
  outcome: CaseOutcome;
  /** Findings of this case (a checked case may have none). */
  findings: Finding[];
}

/** The reason a case counts as skipped, or null when it does not. */
export function skipReason(o: CaseOutcome): string | null {
  switch (o.kind) {
    case 'unsupported':
    case 'rejected':
    case 'link-failed':
    case 'not-run':
      return o.reason;
    default:
      return null;
  }
}
