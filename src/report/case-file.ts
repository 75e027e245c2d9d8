// A finding on disk: case.json (enough to regenerate it), the sources that show it and the
// reproducer (repro.sh, repro.c, report.md), written as soon as the finding is confirmed.
import { copyFile, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Limits } from '../../generators/limits.js';
import { RUNTIME_DIR, runtimeSources } from '../../harness/build.js';
import type { Side } from '../../harness/toolchains/toolchain.js';
import type { Finding } from '../check/finding.js';
import { emitBatch } from '../emit/batch.js';
import type { Signature } from '../model/types.js';
import type { Target } from '../targets/target.js';
import type { Confirmation, ShrinkInfo } from '../shrink/types.js';
import { writeReproducer } from './reproducer.js';

const require = createRequire(import.meta.url);
export const ABIFUZZ_VERSION: string = require('../../../package.json').version;
export const FAST_CHECK_VERSION: string = require('fast-check/package.json').version;

export interface CaseFile {
  schemaVersion: 1;
  abifuzzVersion: string;
  fastCheckVersion: string;
  target: string;
  seed: number;
  /** fast-check path of the signature in the seed's stream (= its index). */
  path: string;
  index: number;
  caller: { toolchain: string; flags: string[] };
  callee: { toolchain: string; flags: string[] };
  limits: Limits;
  finding: Finding;
  signature: Signature;
  confirmation?: Confirmation;
  shrink?: ShrinkInfo;
}

export async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

export interface CaseContext {
  target: Target;
  seed: number;
  caller: Side;
  callee: Side;
  limits: Limits;
}

/** Adds the isolation verdict to a case.json already written. */
export async function recordConfirmation(caseFile: string, confirmation: Confirmation): Promise<void> {
  const c = JSON.parse(await readFile(caseFile, 'utf8')) as CaseFile;
  await writeAtomic(caseFile, JSON.stringify({ ...c, confirmation }, null, 2) + '\n');
}

/** abi.h, caller.c and callee.c of a case: what replay regenerates and compares byte for byte. */
export function caseSources(ctx: CaseContext, sig: Signature, index: number): Record<string, string> {
  const meta = { seed: ctx.seed, target: ctx.target.id, caller: [ctx.caller.tc.id, ...ctx.caller.flags].join(' '), callee: [ctx.callee.tc.id, ...ctx.callee.flags].join(' ') };
  return emitBatch([{ sig, index }], ctx.target.dataModel, meta, ctx.target.contract).files;
}

export interface CaseOptions {
  /** fast-check path of the signature (default: the index). */
  path?: string;
  shrink?: ShrinkInfo;
  /** Folder to (re)write (default: findings/<kind>-f<index> of the run). */
  dir?: string;
  confirmation?: Confirmation;
}

/** Writes findings/<kind>-f<index>/ (or opts.dir) and returns the path of its case.json. */
export async function writeCase(runDir: string, ctx: CaseContext, f: Finding, sig: Signature, opts: CaseOptions = {}): Promise<string> {
  const dir = opts.dir ?? join(runDir, 'findings', `${f.kind}-f${f.index}`);
  await mkdir(dir, { recursive: true });
  for (const [name, text] of Object.entries(caseSources(ctx, sig, f.index))) await writeFile(join(dir, name), text);
  const runtime = runtimeSources(ctx.target.contract.source);
  for (const src of runtime) await copyFile(join(RUNTIME_DIR, src), join(dir, src));
  const path = opts.path ?? String(f.index);
  await writeReproducer(dir, ctx, f, sig, opts.shrink ?? null, path);
  const c: CaseFile = {
    schemaVersion: 1, abifuzzVersion: ABIFUZZ_VERSION, fastCheckVersion: FAST_CHECK_VERSION,
    target: ctx.target.id, seed: ctx.seed, path, index: f.index,
    caller: { toolchain: ctx.caller.tc.id, flags: ctx.caller.flags },
    callee: { toolchain: ctx.callee.tc.id, flags: ctx.callee.flags },
    limits: ctx.limits, finding: f, signature: sig,
    ...(opts.confirmation ? { confirmation: opts.confirmation } : {}),
    ...(opts.shrink ? { shrink: opts.shrink } : {}),
  };
  const file = join(dir, 'case.json');
  await writeAtomic(file, JSON.stringify(c, null, 2) + '\n');
  return file;
}
