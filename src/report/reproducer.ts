// A case as something to hand over: repro.sh (build, run, decide; needs only the toolchains and
// the runner), repro.c (both sides and the runtime in one file), report.md (what disagreed, in plain
// words) and, for a value finding, bug.c (the case as plain C to file as it is) with interesting.sh
// (its cvise interestingness test).
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { bugC } from './bug-c.js';
import type { CaseContext } from './case-context.js';
import type { CaseFile } from './case-schema.js';
import { bugInputOf, type Filing } from './filing.js';
import { interestingSh } from './interesting-sh.js';
import { reportMd } from './report-md.js';
import { reproC } from './repro-c.js';
import { reproSh } from './repro-sh.js';

async function writeScript(path: string, text: string): Promise<void> {
  await writeFile(path, text);
  await chmod(path, 0o755);
}

/** The reproducers, next to the case's sources in `dir`; `filing`: bug.c as it ran, for report.md. */
export async function writeReproducer(dir: string, ctx: CaseContext, c: CaseFile, filing?: Filing): Promise<void> {
  await writeScript(join(dir, 'repro.sh'), reproSh(ctx, c));
  await writeFile(join(dir, 'repro.c'), await reproC(dir, ctx, c));
  const input = bugInputOf(ctx, c.finding, c.signature, c.shrinkPath);
  const bug = bugC(input);
  if (bug !== null) {
    await writeFile(join(dir, 'bug.c'), bug);
    await writeScript(join(dir, 'interesting.sh'), interestingSh(input));
  }
  await writeFile(join(dir, 'report.md'), reportMd(ctx, c, bug !== null ? (filing ?? null) : undefined));
}
