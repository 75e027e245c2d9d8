import type { Signature } from '../model/types.js';

// What shrinking a finding did: recorded in case.json and told in report.md.
export interface ShrinkInfo {
  /** Successful steps (each one a smaller signature that still failed the same way). */
  steps: number;
  /** Candidates compiled and run, over all steps. */
  candidates: number;
  ms: number;
  /** fast-check path of the signature the finding was first seen on (the run index). */
  originalPath: string;
  /** The signature itself. */
  originalSignature: Signature;
  /** Why the result is not what the steps reached, when it is not. */
  note?: string;
}

/** Isolation: re-run alone, the finding came back ("confirmed") or did not ("flaky"). */
export type Confirmation = 'confirmed' | 'flaky';
