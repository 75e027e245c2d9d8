// Where findings go as soon as the driver records them: their case folder (written whole), the
// summary, a bucket; the first finding of each kind of problem is then isolated and shrunk, one at
// a time beside the fuzzing, and its folder rewritten with the minimal case. Known findings get a
// folder (to be looked at) but no bucket and no shrink.
import pLimit from 'p-limit';
import type { Finding } from '../check/finding.js';
import type { CaseInput } from '../driver/context.js';
import { Buckets, type Blame } from '../report/buckets.js';
import type { CaseContext } from '../report/case-context.js';
import { caseDirOf, writeCase } from '../report/case-file.js';
import type { Filing } from '../report/filing.js';
import type { Signature } from '../model/types.js';
import { addFinding, summaryFinding, type Summary } from '../report/summary.js';
import { shrinkFinding, type ShrinkContext } from '../shrink/shrink.js';

export class FindingSink {
  readonly buckets: Buckets;
  private readonly queue = pLimit(1);
  private readonly jobs: Promise<void>[] = [];
  /** Shrinks queued or running. */
  pending = 0;
  /** Milliseconds spent shrinking so far. */
  shrinkMs = 0;

  constructor(
    private readonly runDir: string,
    private readonly caseCtx: CaseContext,
    private readonly summary: Summary,
    private readonly shrinkCtx: ShrinkContext,
    pairKey: string,
    /** fast-check path of a case by index, when it is not the index itself (replay, --path). */
    private readonly shrinkPathOf: (index: number) => string,
    private readonly hooks: {
      onWarning(w: string): void;
      /** --out cannot take more: the run must stop (the message says why). */
      onWriteError(message: string): void;
      onChange(): void;
      started: number;
      /** Who leaves the psABI in a (minimal) finding, when the model covers the target. */
      blame?(f: Finding, c: CaseInput): Promise<Blame | null>;
      /** bug.c of a minimal value finding run in its four combinations, with the assembly. */
      file?(f: Finding, sig: Signature, shrinkPath: string): Promise<Filing | null>;
    },
  ) {
    this.buckets = new Buckets(pairKey);
  }

  /** Writes the finding's case folder, counts it, and files it into a bucket (shrinking it if new). */
  async take(f: Finding, c: CaseInput): Promise<void> {
    const dir = caseDirOf(this.runDir, f);
    const shrinkPath = this.shrinkPathOf(c.index);
    let caseFile: string;
    try {
      caseFile = await writeCase(dir, this.caseCtx, f, c.sig, { shrinkPath });
    } catch (e) {
      this.hooks.onWriteError(`cannot write ${dir}: ${(e as Error).message.split('\n')[0]}`);
      return;
    }
    const entry = summaryFinding(f, c.sig, caseFile);
    addFinding(this.summary, f, entry);
    if (f.known) return;
    const bucket = this.buckets.add(f, c.sig, dir);
    if (!bucket) return;
    bucket.foundAfterMs = Date.now() - this.hooks.started;
    this.pending++;
    this.hooks.onChange();
    const job = this.queue(async () => {
      // Out of time (--time covers shrinking) or stopping: the case stands as found, unshrunk.
      if (!this.inTime()) return;
      const t0 = Date.now();
      const r = await shrinkFinding(this.shrinkCtx, f, c.sig, shrinkPath);
      this.shrinkMs += Date.now() - t0;
      if (r.confirmation) entry.confirmation = r.confirmation;
      if (r.info.note) this.hooks.onWarning(`${f.kind} ${f.function}: ${r.info.note}`);
      // Blame, then bug.c's four combinations: each only for a confirmed minimal case, and only in time.
      const confirmed = r.confirmation === 'confirmed';
      const blame = confirmed && this.inTime() ? ((await this.hooks.blame?.(r.finding, { sig: r.sig, index: r.index })) ?? undefined) : undefined;
      const filing = confirmed && this.inTime() ? ((await this.hooks.file?.(r.finding, r.sig, r.shrinkPath)) ?? undefined) : undefined;
      try {
        await writeCase(dir, this.caseCtx, r.finding, r.sig, {
          ...(filing ? { filing } : {}),
          shrinkPath: r.shrinkPath, ...(r.confirmation ? { confirmation: r.confirmation } : {}), ...(r.info.steps > 0 ? { shrink: r.info } : {}), ...(blame ? { blame } : {}),
        });
      } catch (e) {
        this.hooks.onWriteError(`cannot write ${dir}: ${(e as Error).message.split('\n')[0]}`);
      }
      const { steps, candidates, ms } = r.info;
      this.buckets.settle(bucket, r.sig, r.confirmation, { steps, candidates, ms }, blame, r.finding);
      bucket.minimalAfterMs = Date.now() - this.hooks.started;
    });
    this.jobs.push(
      job
        .catch((e: unknown) => this.hooks.onWarning(`could not shrink ${f.kind} ${f.function}: ${(e as Error).message}`))
        .finally(() => {
          this.pending--;
          this.hooks.onChange();
        }),
    );
  }

  /** Neither stopping nor past the run's deadline (--time covers shrinking and what follows it). */
  private inTime(): boolean {
    return !this.shrinkCtx.signal?.aborted && Date.now() <= (this.shrinkCtx.deadline ?? Infinity);
  }

  async drain(): Promise<void> {
    await Promise.all(this.jobs);
  }
}
