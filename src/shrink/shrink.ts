// Shrink a finding through fast-check's own shrink tree of the generated signature. Each step
// compiles one batch holding the next candidates (fast-check's order, most aggressive first) and
// moves to the first that fails the same way; the walk ends when no candidate does. The original
// signature runs first in the first batch: that is its isolation (confirmed or flaky).
import { shrinkCandidates, nameSignature, type Limits } from '../../generators/index.js';
import { checkBatch, type BatchContext } from '../../harness/batch.js';
import type { Finding } from '../check/finding.js';
import type { Signature } from '../model/types.js';
import { sameWay } from './same-way.js';
import type { Confirmation, ShrinkInfo } from './types.js';

export interface ShrinkContext {
  /** How each candidate batch is built and run (its onFinding is not called). */
  batch: Omit<BatchContext, 'onFinding'>;
  limits: Limits;
  /** Candidates per compiled batch. */
  chunk: number;
  /** Stop improving after this long; the best case so far stands. */
  budgetMs: number;
  /** Off: only the isolation run. */
  shrink: boolean;
  signal?: AbortSignal;
}

export interface ShrinkResult {
  confirmation: Confirmation;
  /** The minimal case (the original one when flaky or not shrunk). */
  sig: Signature;
  path: string;
  index: number;
  finding: Finding;
  info: ShrinkInfo;
}

type Candidate = { sig: Signature; index: number; path: string };

export async function shrinkFinding(ctx: ShrinkContext, orig: Finding, origSig: Signature, origPath: string): Promise<ShrinkResult> {
  const started = Date.now();
  const { dataModel } = ctx.batch.target;
  const info: ShrinkInfo = { steps: 0, candidates: 0, ms: 0, originalPath: origPath, originalSignature: orig.signature };
  let best: ShrinkResult = { confirmation: 'flaky', sig: origSig, path: origPath, index: orig.index, finding: orig, info };
  const run = async (cands: Candidate[]): Promise<Map<number, Finding>> => {
    const hits = new Map<number, Finding>();
    const res = await checkBatch({ ...ctx.batch, onFinding: async () => {} }, cands);
    info.candidates += cands.length;
    for (const f of res.findings) {
      const c = cands.find((x) => x.index === f.index);
      if (c && !hits.has(c.index) && sameWay(orig, origSig, f, c.sig)) hits.set(c.index, f);
    }
    return hits;
  };
  const next = (path: string, from: number): Candidate[] =>
    shrinkCandidates(dataModel, ctx.limits, ctx.batch.seed, path, from, ctx.chunk)
      // Index k + 1 names candidate k: index 0 is the isolated original in the first batch.
      .map((c, k) => ({ sig: nameSignature(c.sig, k + 1), index: k + 1, path: c.path }));
  const done = (): ShrinkResult => ({ ...best, info: { ...info, ms: Date.now() - started } });

  // Isolation: the original runs first (no function ran before it in that process).
  const original: Candidate = { sig: nameSignature(origSig, 0), index: 0, path: origPath };
  let cands = ctx.shrink ? next(origPath, 0) : [];
  let hits = await run([original, ...cands]);
  if (!hits.has(0)) return done();
  best = { ...best, confirmation: 'confirmed' };
  const confirmedOriginal = best;
  let from = 0;
  while (ctx.shrink) {
    const first = cands.find((c) => hits.has(c.index));
    if (first) {
      info.steps++;
      best = { ...best, sig: first.sig, path: first.path, index: first.index, finding: hits.get(first.index)! };
      from = 0;
    } else if (cands.length === ctx.chunk) {
      from += ctx.chunk; // none of these: the next candidates of the same signature
    } else {
      break; // no smaller signature fails the same way: minimal
    }
    if (Date.now() - started > ctx.budgetMs || ctx.signal?.aborted) break;
    cands = next(best.path, from);
    if (!cands.length) break;
    hits = await run(cands);
  }
  if (info.steps > 0) {
    // The minimal case must fail the same way alone, as its reproducer will run it: preferably
    // under the original's index (its name and values), else its own; else the original stands.
    const renamed: Candidate = { sig: nameSignature(best.sig, orig.index), index: orig.index, path: best.path };
    const own: Candidate = { sig: best.sig, index: best.index, path: best.path };
    const again = await run([renamed]);
    if (again.has(orig.index)) best = { ...best, sig: renamed.sig, index: orig.index, finding: again.get(orig.index)! };
    else if (!(await run([own])).has(own.index)) {
      best = confirmedOriginal;
      info.note = `the minimal case (path ${own.path}) did not fail the same way when run alone; the original is kept`;
      info.steps = 0;
    }
  }
  return done();
}
