// A campaign's results: many cells (target × caller × callee × flags), each a run with its own
// summary, gathered in one object that the reports (JUnit, Markdown, HTML) are written from. A single
// `abifuzz fuzz` run is a campaign of one cell.
import type { Bucket } from './buckets.js';
import type { Summary } from './summary.js';

/** A cell's path-safe, stable id: <target>__<caller>[_<its flags>]_calls_<callee>[_<its flags>]. */
export function cellId(target: string, caller: string, callee: string, flags: { caller?: string; callee?: string }): string {
  const side = (tc: string, f: string | undefined): string => (f ? `${tc}_${f}` : tc);
  return `${target}__${side(caller, flags.caller)}_calls_${side(callee, flags.callee)}`.replace(/[^\w.+-]+/g, '_');
}

/** One cell of the matrix: what ran, and how it ended. */
export interface CellResult {
  /** Stable, path-safe id: <target>__<caller>_calls_<callee>[__<flags hash>]. */
  id: string;
  target: string;
  caller: { toolchain: string; flags: string[] };
  callee: { toolchain: string; flags: string[] };
  summary: Summary;
}

/** A bucket a baseline file lists: expected, with the baseline entry's reason and link. */
export interface Expectation {
  reason: string;
  link?: string;
}

/** A bucket as the reports see it: new, or expected by the baseline. */
export type ReportedBucket = Bucket & { expected?: Expectation };

export interface CampaignSummary {
  campaignVersion: 1;
  seed: number;
  elapsedMs: number;
  /** Stopped early (signal, deadline, --out full): every cell finished so far is in `cells`. */
  interrupted: boolean;
  /** The baseline file used, if any. */
  baseline?: string;
  cells: CellResult[];
}

/** A cell's status for the matrix: failing (new buckets), expected (only expected ones), clean, or skipped (nothing ran). */
export function cellStatus(c: CellResult, expected: (b: Bucket) => Expectation | undefined): 'new' | 'expected' | 'clean' | 'skipped' {
  if (c.summary.signaturesChecked === 0 && c.summary.findings.length === 0) return 'skipped';
  if (c.summary.buckets.some((b) => !expected(b))) return 'new';
  return c.summary.buckets.length ? 'expected' : 'clean';
}
