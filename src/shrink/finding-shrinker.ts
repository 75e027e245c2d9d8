// The run's side of shrinking: each finding goes into a bucket; the first of each kind of problem
// is isolated and shrunk, one at a time beside the fuzzing, and its folder rewritten with the
// minimal case. A shrink that fails keeps the case as found.
import pLimit from 'p-limit';
import { dirname } from 'node:path';
import type { Finding } from '../check/finding.js';
import { declarationWithTypes } from '../emit/batch.js';
import type { Signature } from '../model/types.js';
import { Buckets } from '../report/buckets.js';
import { recordConfirmation, writeCase, type CaseContext } from '../report/case-file.js';
import { shrinkFinding, type ShrinkContext, type ShrinkResult } from './shrink.js';
import type { Confirmation } from './types.js';

/** Candidates per compiled batch: one shrink step usually needs one batch. */
export const SHRINK_CHUNK = 48;

export class FindingShrinker {
  readonly buckets: Buckets;
  private readonly queue = pLimit(1);
  private readonly jobs: Promise<void>[] = [];
  /** Shrinks queued or running. */
  pending = 0;

  constructor(
    private readonly ctx: ShrinkContext,
    private readonly runDir: string,
    private readonly caseCtx: CaseContext,
    pairKey: string,
    private readonly onWarning: (w: string) => void = () => {},
    private readonly started = Date.now(),
    /** Called when a shrink starts or ends (progress). */
    private readonly onChange: () => void = () => {},
  ) {
    this.buckets = new Buckets(pairKey);
  }

  /** A finding whose case was written to entry.caseFile; entry learns whether it was confirmed. */
  file(f: Finding, sig: Signature, path: string, entry: { caseFile: string; confirmation?: Confirmation }): void {
    const dir = dirname(entry.caseFile);
    const bucket = this.buckets.add(f, sig, dir);
    if (!bucket) return;
    bucket.foundAfterMs = Date.now() - this.started;
    this.pending++;
    this.onChange();
    const job = this.queue(async () => {
      let r: ShrinkResult;
      try {
        r = await shrinkFinding(this.ctx, f, sig, path);
      } catch (e) {
        this.onWarning(`could not shrink ${f.kind} ${f.function}: ${(e as Error).message}`);
        return;
      }
      entry.confirmation = r.confirmation;
      if (r.info.note) this.onWarning(`${f.kind} ${f.function}: ${r.info.note}`);
      if (r.info.steps > 0) await writeCase(this.runDir, this.caseCtx, r.finding, r.sig, { path: r.path, shrink: r.info, dir, confirmation: r.confirmation });
      else await recordConfirmation(entry.caseFile, r.confirmation); // the sources on disk are already this case's
      const { steps, candidates, ms } = r.info;
      this.buckets.settle(bucket, r.sig, declarationWithTypes(r.sig), r.confirmation, { steps, candidates, ms });
      bucket.minimalAfterMs = Date.now() - this.started;
    });
    this.jobs.push(job.finally(() => {
      this.pending--;
      this.onChange();
    }));
  }

  async drain(): Promise<void> {
    await Promise.all(this.jobs);
  }
}
