// A finding on disk: a folder holding case.json (enough to regenerate it), the sources that show
// it and its reproducers (repro.sh, repro.c, report.md). Written whole or not at all, as soon as the
// finding is recorded; rewritten whole once shrunk.
import { copyFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { RUNTIME_C, RUNTIME_DIR, TRAMPOLINES } from '../../harness/runtime-objects.js';
import { isCxx, sideLabel } from '../../harness/toolchains/toolchain.js';
import type { Finding } from '../check/finding.js';
import { trampolineFile } from '../emit/asm/trampolines.js';
import { emitBatch } from '../emit/c-batch.js';
import { emitLayout } from '../emit/model/party.js';
import type { Signature } from '../model/types.js';
import type { Confirmation, ShrinkInfo } from '../shrink/types.js';
import type { Blame } from './buckets.js';
import { writeFolderAtomic } from './atomic.js';
import type { CaseContext } from './case-context.js';
import { CASE_SCHEMA_VERSION, type CaseFile } from './case-schema.js';
import type { Filing } from './filing.js';
import { writeReproducer } from './reproducer.js';

const require = createRequire(import.meta.url);
export const ABIFUZZ_VERSION: string = require('../../../package.json').version;
export const FAST_CHECK_VERSION: string = require('fast-check/package.json').version;

/** abi.h, caller.c and callee.c of a case: what replay regenerates and compares byte for byte. */
export function caseSources(ctx: CaseContext, sig: Signature, index: number): Record<string, string> {
  const meta = { seed: ctx.seed, target: ctx.target.id, caller: sideLabel(ctx.caller), callee: sideLabel(ctx.callee), ...(isCxx(ctx.caller) || isCxx(ctx.callee) ? { cplusplus: true } : {}) };
  return emitBatch([{ sig, index }], emitLayout(ctx.target.dataModel, ctx.models ?? {}), meta, ctx.checks, ctx.models ?? {}).files;
}

export interface CaseOptions {
  /** fast-check path of the signature (default: the index). */
  shrinkPath?: string;
  shrink?: ShrinkInfo;
  confirmation?: Confirmation;
  blame?: Blame;
  /** bug.c as it ran in four combinations, and the assembly (value findings, once minimal). */
  filing?: Filing;
}

/** Where a finding's folder goes in a run: findings/<kind>-f<index>, or known/<kind>-f<index> for a known one. */
export const caseDirOf = (runDir: string, f: Finding): string => join(runDir, f.known ? 'known' : 'findings', `${f.kind}-f${f.index}`);

export function caseFileOf(ctx: CaseContext, f: Finding, sig: Signature, opts: CaseOptions = {}): CaseFile {
  return {
    schemaVersion: CASE_SCHEMA_VERSION, abifuzzVersion: ABIFUZZ_VERSION, fastCheckVersion: FAST_CHECK_VERSION,
    target: ctx.target.id, seed: ctx.seed, shrinkPath: opts.shrinkPath ?? String(f.index), index: f.index,
    caller: { toolchain: ctx.caller.tc.id, flags: ctx.caller.flags },
    callee: { toolchain: ctx.callee.tc.id, flags: ctx.callee.flags },
    limits: ctx.limits, finding: f, signature: sig,
    ...(opts.confirmation ? { confirmation: opts.confirmation } : {}),
    ...(opts.shrink ? { shrink: opts.shrink } : {}),
    ...(opts.blame ? { blame: opts.blame } : {}),
  };
}

/** Writes (or rewrites) the case folder `dir` whole; returns the path of its case.json. */
export async function writeCase(dir: string, ctx: CaseContext, f: Finding, sig: Signature, opts: CaseOptions = {}): Promise<string> {
  const c = caseFileOf(ctx, f, sig, opts);
  await writeFolderAtomic(dir, async (tmp) => {
    for (const [name, text] of Object.entries(caseSources(ctx, sig, f.index))) await writeFile(join(tmp, name), text);
    if (f.compiler?.source) await writeFile(join(tmp, f.compiler.file), f.compiler.source);
    for (const src of RUNTIME_C) await copyFile(join(RUNTIME_DIR, src), join(tmp, src));
    await writeFile(join(tmp, TRAMPOLINES), trampolineFile(ctx.target));
    await writeReproducer(tmp, ctx, c, opts.filing);
    await writeFile(join(tmp, 'case.json'), JSON.stringify(c, null, 2) + '\n');
  });
  return join(dir, 'case.json');
}
