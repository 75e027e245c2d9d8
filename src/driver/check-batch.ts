// One batch through the stages: generate (is every feature supported?) → build (emit, compile,
// link) → run → check. Each case leaves with a record of how far it got and why it stopped there
// (abi-cafe's ran_to); findings are handed on as soon as they are recorded.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { featuresOf } from '../../harness/probe.js';
import type { Finding } from '../check/finding.js';
import { modelCallerPlaces } from '../emit/model-batch.js';
import { buildStage } from './build-stage.js';
import { languageDifference } from './language.js';
import { isModel, ROLES, sideOf, type CaseInput, type DriverContext } from './context.js';
import type { CaseRecord } from './outcome.js';
import { Recorder } from './recorder.js';
import { runStage } from './run-stage.js';

/** A feature probe the compiler crashed or hung on: reported once per run, by whoever runs batches. */
export interface ProbeTrouble {
  key: string;
  finding: Finding;
  c: CaseInput;
}

export interface BatchReport {
  records: CaseRecord[];
  /** Probes that crashed or hung a compiler (each is a finding, deduplicated by the run). */
  probeTrouble: ProbeTrouble[];
}

/** Does every compiler of the pair express every feature `c` uses? */
async function supported(ctx: DriverContext, rec: Recorder, c: CaseInput, trouble: ProbeTrouble[]): Promise<boolean> {
  const language = languageDifference(ctx.caller, ctx.callee, c.sig);
  if (language) return rec.record(c, 'generate', { kind: 'unsupported', reason: language.reason }), false;
  for (const role of ROLES) {
    const m = ctx.models[role];
    if (!m) continue;
    const plan = m.planResult(c.sig);
    if (!plan.ok) return rec.record(c, 'generate', { kind: 'unsupported', reason: `the model cannot say: ${plan.reason}` }), false;
    const place = role === 'caller' ? modelCallerPlaces(c, m) : null;
    if (place) return rec.record(c, 'generate', { kind: 'unsupported', reason: `the model caller cannot place it: ${place}` }), false;
  }
  for (const feature of featuresOf(c.sig))
    for (const role of ROLES) {
      // A model side is probed too: its C glue is compiled by the target's gcc. Not for a convention:
      // the glue declares no function of it (only void(void) calls cross into the assembly), and
      // the model's plan said above whether it has one (sseregparm needs SSE, preserve_none none).
      if (isModel(ctx, role) && feature.startsWith('convention ')) continue;
      const side = sideOf(ctx, role);
      const o = await ctx.probes.feature(side, feature);
      if (o.kind === 'accepted') continue;
      if (o.kind === 'interrupted') return rec.record(c, 'generate', { kind: 'interrupted' }), false;
      if (o.kind === 'rejected') return rec.record(c, 'generate', { kind: 'unsupported', reason: `${side.tc.id} rejects ${feature}` }), false;
      const hang = o.kind === 'timed-out';
      const kind = hang ? 'compiler-hang' : 'compiler-crash';
      const message = hang ? `no result within ${ctx.build.compileTimeoutMs} ms` : o.message;
      const finding: Finding = {
        kind, index: c.index, function: c.sig.name,
        detail: `${[side.tc.id, ...side.flags].join(' ')} ${hang ? 'hangs' : 'crashes'} on the probe for ${feature}: ${message.split('\n')[0]}`,
        compiler: { side: role, toolchain: side.tc.id, flags: side.flags, message, command: o.command, file: 'probe.c', source: o.source },
      };
      trouble.push({ key: `${kind} ${role} ${feature}`, finding, c });
      rec.record(c, 'generate', { kind: 'unsupported', reason: `${side.tc.id} ${hang ? 'hangs' : 'crashes'} on the probe for ${feature}` });
      return false;
    }
  return true;
}

export async function checkBatch(
  ctx: DriverContext, cases: CaseInput[],
): Promise<BatchReport> {
  const rec = new Recorder((f, c) => ctx.explain(f, c.sig));
  const trouble: ProbeTrouble[] = [];
  const live: CaseInput[] = [];
  for (const c of cases) if (await supported(ctx, rec, c, trouble)) live.push(c);
  if (!live.length) return { records: rec.records, probeTrouble: trouble };
  const dir = join(ctx.workDir, `batch-${cases[0]!.index}`);
  try {
    const built = await buildStage(ctx, rec, live, dir);
    if (built.kind === 'built') {
      if (ctx.keep) {
        const [file, pre] = ctx.runner.command('./test.exe');
        await writeFile(join(dir, 'commands.sh'), [`cd ${dir}`, ...built.commands, [file, ...pre].join(' ')].join('\n') + '\n');
      }
      await runStage(ctx, rec, built.exe, built.live);
    }
  } finally {
    if (!ctx.keep) await rm(dir, { recursive: true, force: true });
  }
  return { records: rec.records, probeTrouble: trouble };
}
