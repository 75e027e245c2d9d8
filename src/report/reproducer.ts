// A finding as something to hand over: repro.sh (build, run, decide; needs only the toolchains and
// the runner), repro.c (both sides and the runtime in one file, for a bug report or a compiler
// explorer) and report.md (what disagreed, in plain words).
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Finding } from '../check/finding.js';
import type { Signature } from '../model/types.js';
import type { ShrinkInfo } from '../shrink/types.js';
import type { CaseContext } from './case-file.js';
import { reportMd } from './report-md.js';
import { reproC } from './repro-c.js';
import { reproSh } from './repro-sh.js';

/** repro.sh, repro.c and report.md, next to the sources writeCase put in `dir`. */
export async function writeReproducer(dir: string, ctx: CaseContext, f: Finding, sig: Signature, shrink: ShrinkInfo | null, path = String(f.index)): Promise<void> {
  await writeFile(join(dir, 'repro.sh'), reproSh(ctx, f, path));
  await chmod(join(dir, 'repro.sh'), 0o755); // also when rewritten (writeFile's mode only applies to a new file)
  await writeFile(join(dir, 'repro.c'), await reproC(dir, ctx, f, path));
  await writeFile(join(dir, 'report.md'), reportMd(ctx, f, sig, path, shrink));
}
