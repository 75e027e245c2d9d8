// Shrink a finding through fast-check's own shrink tree of the generated signature. Each step
// compiles one batch holding the next candidates (fast-check's order, most aggressive first) and
// moves to the first that fails the same way; the walk ends when no candidate does. The original
// signature runs first in the first batch: that is its isolation (confirmed or flaky).
import { shrinkCandidates, nameSignature, type Limits } from '../../generators/index.js';
import type { Finding } from '../check/finding.js';
import type { DataModel } from '../model/data-model.js';
import type { Signature } from '../model/types.js';
import { sameWay } from './same-way.js';
import type { Confirmation, ShrinkInfo } from './types.js';

/** Candidates per compiled batch: one shrink step usually needs one batch. */
export const SHRINK_CHUNK = 48;

/** One signature to try, named by its index. */
export interface Candidate {
  sig: Signature;
  index: number;
}

export interface ShrinkContext {
  /**
   * Builds, runs and checks candidates as one batch: the findings of each, by index. Past
   * `deadline` a batch whose program died runs no more of its candidates (they find nothing).
   */
  runCandidates(cands: Candidate[], deadline?: number): Promise<Map<number, Finding[]>>;
  dataModel: DataModel;
  seed: number;
  limits: Limits;
  /** Candidates per compiled batch. */
  chunk: number;
  /** Stop improving after this long; the best case so far stands. */
  budgetMs: number;
  /** Off: only the isolation run. */
  shrink: boolean;
  signal?: AbortSignal;
  /** The run's own deadline (--time covers shrinking too): past it, the best case so far stands. */
  deadline?: number;
}

export interface ShrinkResult {
  /** Absent when the run stopped before the isolation run could say. */
  confirmation?: Confirmation;
  /** The minimal case (the original one when flaky or not shrunk). */
  sig: Signature;
  /** Its fast-check path. */
  shrinkPath: string;
  index: number;
  finding: Finding;
  info: ShrinkInfo;
}

type PathCandidate = Candidate & { shrinkPath: string };

export async function shrinkFinding(ctx: ShrinkContext, orig: Finding, origSig: Signature, origPath: string): Promise<ShrinkResult> {
  const started = Date.now();
  const info: ShrinkInfo = { steps: 0, candidates: 0, ms: 0, originalPath: origPath, originalSignature: origSig };
  let best: ShrinkResult = { confirmation: 'flaky', sig: origSig, shrinkPath: origPath, index: orig.index, finding: orig, info };
  // The steps keep to the budget even inside a batch: the original runs first in the first one.
  const budgetEnds = Math.min(started + ctx.budgetMs, ctx.deadline ?? Infinity);
  const run = async (cands: Candidate[], withinBudget = true): Promise<Map<number, Finding>> => {
    const hits = new Map<number, Finding>();
    const found = await ctx.runCandidates(cands, withinBudget ? budgetEnds : ctx.deadline);
    info.candidates += cands.length;
    for (const c of cands) {
      const f = (found.get(c.index) ?? []).find((x) => sameWay(orig, origSig, x, c.sig));
      if (f) hits.set(c.index, f);
    }
    return hits;
  };
  const next = (path: string, from: number): PathCandidate[] =>
    shrinkCandidates(ctx.dataModel, ctx.limits, ctx.seed, path, from, ctx.chunk)
      // Index k + 1 names candidate k: index 0 is the isolated original in the first batch.
      .map((c, k) => ({ sig: nameSignature(c.sig, k + 1), index: k + 1, shrinkPath: c.path }));
  const done = (): ShrinkResult => ({ ...best, info: { ...info, ms: Date.now() - started } });

  // Isolation: the original runs first (no function ran before it in that process).
  const original: PathCandidate = { sig: nameSignature(origSig, 0), index: 0, shrinkPath: origPath };
  let cands = ctx.shrink ? next(origPath, 0) : [];
  const stopped = (): boolean => ctx.signal?.aborted === true || Date.now() > (ctx.deadline ?? Infinity);
  let hits = await run([original, ...cands]);
  if (stopped()) return { ...done(), confirmation: hits.has(0) ? 'confirmed' : undefined };
  if (!hits.has(0)) return done();
  best = { ...best, confirmation: 'confirmed' };
  const confirmedOriginal = best;
  let from = 0;
  while (ctx.shrink) {
    const first = cands.find((c) => hits.has(c.index));
    if (first) {
      info.steps++;
      best = { ...best, sig: first.sig, shrinkPath: first.shrinkPath, index: first.index, finding: hits.get(first.index)! };
      from = 0;
    } else if (cands.length === ctx.chunk) {
      from += ctx.chunk; // none of these: the next candidates of the same signature
    } else {
      break; // no smaller signature fails the same way: minimal
    }
    if (Date.now() - started > ctx.budgetMs || stopped()) break;
    cands = next(best.shrinkPath, from);
    if (!cands.length) break;
    hits = await run(cands);
  }
  if (stopped()) {
    // Stopped: what the steps reached was never run alone, so the confirmed original stands.
    return { ...confirmedOriginal, info: { ...info, steps: 0, ms: Date.now() - started } };
  }
  if (info.steps > 0) {
    // The minimal case must fail the same way alone, as its reproducer will run it: preferably
    // under the original's index (its name and values), else its own; else the original stands.
    const renamed: Candidate = { sig: nameSignature(best.sig, orig.index), index: orig.index };
    const own: Candidate = { sig: best.sig, index: best.index };
    const again = await run([renamed], false);
    if (again.has(orig.index)) best = { ...best, sig: renamed.sig, index: orig.index, finding: again.get(orig.index)! };
    else if (!(await run([own], false)).has(own.index)) {
      best = confirmedOriginal;
      info.note = `the minimal case (path ${best.shrinkPath}) did not fail the same way when run alone; the original is kept`;
      info.steps = 0;
    }
  }
  return done();
}
