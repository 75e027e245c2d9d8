// A case as something to hand over: repro.sh (build, run, decide; needs only the toolchains and
// the runner), repro.c (both sides and the runtime in one file, for a bug report or a compiler
// explorer) and report.md (what disagreed, in plain words).
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CaseContext } from './case-context.js';
import type { CaseFile } from './case-schema.js';
import { reportMd } from './report-md.js';
import { reproC } from './repro-c.js';
import { reproSh } from './repro-sh.js';

/** repro.sh, repro.c and report.md, next to the case's sources in `dir`. */
export async function writeReproducer(dir: string, ctx: CaseContext, c: CaseFile): Promise<void> {
  await writeFile(join(dir, 'repro.sh'), reproSh(ctx, c));
  await chmod(join(dir, 'repro.sh'), 0o755);
  await writeFile(join(dir, 'repro.c'), await reproC(dir, ctx, c));
  await writeFile(join(dir, 'report.md'), reportMd(ctx, c));
}
