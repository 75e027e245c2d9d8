// One batch through emit → build → run → check. Compile errors drop the functions they name and
// rebuild; a crash or hang is traced to its function by the runtime's begin/end markers and
// confirmed by running that function alone, then the rest of the batch goes on.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { declarationWithTypes, emitBatch, type EmittedBatch } from '../src/emit/batch.js';
import { valueFindings, type Finding } from '../src/check/finding.js';
import { knownIssueOf } from '../src/check/known-issues.js';
import { parseRunOutput, unfinished } from '../src/check/parse.js';
import type { Signature } from '../src/model/types.js';
import type { Target } from '../src/targets/target.js';
import { compile, firstError, link, runtimeObjects } from './build.js';
import { phaseMs } from './process.js';
import { supports } from './probe.js';
import { runTests } from './run.js';
import { sideLabel, type Side } from './toolchains/toolchain.js';

export interface BatchContext {
  target: Target;
  caller: Side;
  callee: Side;
  /** The target's gcc with its link flags: builds the runtime and links. */
  linker: Side;
  seed: number;
  /** Where runtime objects are cached for the run. */
  cacheDir: string;
  /** Where batch folders go; removed after the batch unless keep. */
  workDir: string;
  keep: boolean;
  /** Report findings that a known-issue rule matches as findings too. */
  showKnown: boolean;
  /** Called as soon as a finding is confirmed. */
  onFinding(f: Finding, sig: Signature): Promise<void>;
}

export interface BatchResult {
  checked: number;
  skipped: Map<string, number>;
  findings: Finding[];
  /** Findings matched by a known-issue rule: rule id → function names. */
  known: Map<string, string[]>;
  /** Compile errors no probe predicted (generator bugs to fix): printed as warnings. */
  warnings: string[];
}

const MAX_REBUILDS = 4;

export async function checkBatch(ctx: BatchContext, sigs: { sig: Signature; index: number }[]): Promise<BatchResult> {
  const res: BatchResult = { checked: 0, skipped: new Map(), findings: [], known: new Map(), warnings: [] };
  const skip = (reason: string): void => void res.skipped.set(reason, (res.skipped.get(reason) ?? 0) + 1);
  let live: { sig: Signature; index: number }[] = [];
  for (const s of sigs) {
    const sup = await supports([ctx.caller, ctx.callee], s.sig);
    if (sup.ok) live.push(s);
    else skip(sup.reason);
  }
  if (!live.length) return res;
  const dir = join(ctx.workDir, `batch-${sigs[0]!.index}`);
  await mkdir(dir, { recursive: true });
  try {
    const meta = { seed: ctx.seed, target: ctx.target.id, caller: sideLabel(ctx.caller), callee: sideLabel(ctx.callee) };
    let batch: EmittedBatch | null = null;
    let lastCompiles: string[] = [];
    let linkCommand = '';
    for (let round = 0; round <= MAX_REBUILDS && live.length; round++) {
      const t0 = performance.now();
      batch = emitBatch(live, ctx.target.dataModel, meta, ctx.target.contract);
      phaseMs.emit += performance.now() - t0;
      for (const [name, text] of Object.entries(batch.files)) await writeFile(join(dir, name), text);
      const [ce, cr] = await Promise.all([
        compile(ctx.callee, dir, 'callee.c', 'callee.o'),
        compile(ctx.caller, dir, 'caller.c', 'caller.o'),
      ]);
      lastCompiles = [ce.command, cr.command];
      const bad = new Set<number>();
      let unattributed = '';
      const rejected = new Map<number, { by: string; side: 'caller' | 'callee'; error: string }[]>();
      for (const [r, side, file] of [[ce, ctx.callee, 'callee.c'], [cr, ctx.caller, 'caller.c']] as const) {
        if (r.kind !== 'compile-error') continue;
        const hits = r.locations.map((loc) => spanOwner(batch!, loc.file, loc.line));
        if (!hits.length || hits.some((h) => h === undefined)) unattributed = `${side.tc.id} failed on ${file}: ${firstError(r.stderr)}`;
        for (const h of new Set(hits)) {
          if (h === undefined) continue;
          bad.add(h);
          const line = r.stderr.split('\n').find((l) => /error/.test(l) && spanOwner(batch!, l.split(/[:(]/)[0]!, Number(/[:(](\d+)[:,]/.exec(l)?.[1])) === h);
          rejected.set(h, [...(rejected.get(h) ?? []), { by: side.tc.id, side: file === 'callee.c' ? 'callee' as const : 'caller' as const, error: (line ?? firstError(r.stderr)).trim() }]);
        }
      }
      if (unattributed) {
        res.warnings.push(unattributed);
        live.forEach(() => skip('batch failed to compile'));
        return res;
      }
      // One compiler rejects what the other accepts: a finding. Both reject: a generator bug (warned, skipped).
      for (const [index, by] of rejected) {
        const s = live.find((x) => x.index === index)!;
        if (by.length === 1 && sideLabel(ctx.caller) !== sideLabel(ctx.callee)) {
          const [rejecter, other] = by[0]!.side === 'callee' ? [ctx.callee, ctx.caller] : [ctx.caller, ctx.callee];
          await report(ctx, res, {
            kind: 'compile-error', index, function: s.sig.name, signature: declarationWithTypes(s.sig),
            detail: `${s.sig.name}: ${sideLabel(rejecter)} rejects what ${sideLabel(other)} accepts: ${by[0]!.error}`,
          }, s.sig);
          live = live.filter((x) => x.index !== index);
          bad.delete(index);
        } else {
          res.warnings.push(`generated code rejected by ${by.map((b) => b.by).join(' and ')}: ${by[0]!.error}`);
        }
      }
      let reason = 'compile error';
      if (rejected.size && !bad.size) {
        batch = null; // re-emit without the functions that became findings
        continue;
      }
      if (!bad.size) {
        // Linked here, inside the loop: a symbol one compiler names differently (vectorcall's
        // f@@N decoration) drops just those functions.
        const runtime = await runtimeObjects(ctx.linker, ctx.cacheDir, ctx.target.contract.source);
        const ln = await link(ctx.linker, dir, ['caller.o', 'callee.o', ...runtime], 'test.exe');
        if (ln.kind === 'linked') {
          linkCommand = ln.command;
          break;
        }
        const undefinedFns = [...ln.stderr.matchAll(/undefined reference to `f(\d+)(?:@|')/g)].map((m) => Number(m[1]));
        if (!undefinedFns.length) {
          res.warnings.push(`link failed: ${firstError(ln.stderr)}`);
          live.forEach(() => skip('link error'));
          return res;
        }
        undefinedFns.forEach((i) => bad.add(i));
        reason = `link error: ${ctx.caller.tc.id} and ${ctx.callee.tc.id} name the function differently`;
      }
      live = live.filter((s) => {
        if (!bad.has(s.index)) return true;
        skip(reason);
        return false;
      });
      batch = null;
    }
    if (!batch) live.forEach(() => skip('still failing to build after several rebuilds'));
    if (!batch || !live.length) return res;
    if (ctx.keep) {
      const [file, pre] = ctx.target.runner.command('./test.exe');
      const cmds = [`cd ${dir}`, ...lastCompiles, linkCommand, [file, ...pre].join(' ')];
      await writeFile(join(dir, 'commands.sh'), cmds.join('\n') + '\n');
    }
    await runAndCheck(ctx, join(dir, 'test.exe'), live, res);
  } finally {
    if (!ctx.keep) await rm(dir, { recursive: true, force: true });
  }
  return res;
}

function spanOwner(b: EmittedBatch, file: string, line: number): number | undefined {
  const spans = b.spans[file as keyof EmittedBatch['spans']];
  return spans?.find((s) => line >= s.first && line <= s.last)?.index;
}


async function runAndCheck(
  ctx: BatchContext, exe: string, live: { sig: Signature; index: number }[], res: BatchResult,
): Promise<void> {
  const byIndex = new Map(live.map((s) => [s.index, s.sig]));
  const timeoutMs = 10_000 + 20 * live.length;
  let pending = live.map((s) => s.index);
  let first = true;
  while (pending.length) {
    const outcome = await runTests(ctx.target.runner, exe, first ? null : pending, timeoutMs);
    first = false;
    const parsed = parseRunOutput(outcome.stdout);
    for (const id of pending) {
      if (!parsed.ended.has(id)) continue;
      res.checked++;
      for (const f of valueFindings(byIndex.get(id)!, id, parsed)) await report(ctx, res, f, byIndex.get(id)!);
    }
    pending = pending.filter((id) => !parsed.ended.has(id));
    if (outcome.kind === 'exited' && !pending.length) return;
    const suspect = unfinished(parsed);
    if (suspect === undefined || !byIndex.has(suspect)) {
      // Died before any test began (or exited early): nothing to attribute; count them as skipped.
      res.warnings.push(`batch ${outcome.kind === 'exited' ? `exited ${outcome.code}` : outcome.kind} before its tests ran`);
      for (const _ of pending) res.skipped.set('batch died before its tests', (res.skipped.get('batch died before its tests') ?? 0) + 1);
      return;
    }
    pending = pending.filter((id) => id !== suspect);
    const alone = await runTests(ctx.target.runner, exe, [suspect], timeoutMs);
    const sig = byIndex.get(suspect)!;
    const decl = declarationWithTypes(sig);
    const reproduced = alone.kind !== 'exited';
    const what = reproduced ? alone : outcome;
    const aloneParsed = parseRunOutput(alone.stdout);
    const partial = valueFindings(sig, suspect, aloneParsed).map((f) => f.detail);
    const f: Finding = what.kind === 'timeout'
      ? { kind: 'timeout', index: suspect, function: sig.name, signature: decl, detail: `${sig.name}: no return within ${what.afterMs} ms` }
      : { kind: 'crash', index: suspect, function: sig.name, signature: decl, signal: what.kind === 'crash' ? what.signal : 'exit',
          detail: `${sig.name}: ${what.kind === 'crash' ? `killed by ${what.signal}` : 'exited early'}${reproduced ? '' : ' (only after earlier functions of its batch ran)'}` };
    if (partial.length) f.detail += `; before that: ${partial.join('; ')}`;
    await report(ctx, res, f, sig);
  }
}

async function report(ctx: BatchContext, res: BatchResult, f: Finding, sig: Signature): Promise<void> {
  const known = ctx.showKnown ? undefined : knownIssueOf(f, sig, ctx.caller, ctx.callee);
  if (known) {
    res.known.set(known.id, [...(res.known.get(known.id) ?? []), `${f.kind} ${f.function}`]);
    return;
  }
  res.findings.push(f);
  await ctx.onFinding(f, sig);
}
