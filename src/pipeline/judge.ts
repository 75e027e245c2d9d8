// The psABI model as the judge of a disagreement between two compilers. Known: a finding is known
// exactly when each compiler agrees with the model set to its own documented dialect on the failing
// function (the dialects that change that function's plan name it). Blame: the minimal case of a
// bucket runs again with each compiler against the plain model, in both directions, and the finding
// says which side leaves the psABI and by which rule.
import { resolveToolchain } from '../../harness/toolchains/registry.js';
import { cCompilerOf, sideLabel, type Side } from '../../harness/toolchains/toolchain.js';
import type { Finding } from '../check/finding.js';
import { checkBatch } from '../driver/check-batch.js';
import type { CaseInput, DriverContext } from '../driver/context.js';
import type { CaseRecord } from '../driver/outcome.js';
import { layoutOf } from '../model/layout.js';
import { isAggregate, signatureTypes, type Signature } from '../model/types.js';
import type { Blame } from '../report/buckets.js';
import { abiOf } from '../targets/index.js';
import { callerChecks, isModelSide, layoutOfCompiler, modelRoles, modelCovers } from './model.js';

/** Findings the model can weigh in on (not the compilers' own crashes or rejections). */
const JUDGED: ReadonlySet<Finding['kind']> = new Set(['arg', 'return', 'arg-clobbered', 'layout', 'crash', 'timeout', 'callee-saved', 'stack-pointer', 'stack-align', 'flags']);

export interface Judge {
  /** Marks the findings of these records that the compilers' documented dialects explain. */
  explainByDialects(records: CaseRecord[]): Promise<void>;
  /** Who leaves the psABI in this finding, by running each compiler against the plain model. */
  blame(f: Finding, c: CaseInput): Promise<Blame | null>;
}

/** The findings of each case, once a pair has run them. */
async function run(ctx: DriverContext, caller: Side, callee: Side, cases: CaseInput[], tag: string): Promise<Map<number, CaseRecord>> {
  const models = await modelRoles(ctx.target, caller, callee, ctx.probes);
  const checks = await callerChecks(ctx.target, caller, callee, ctx.probes);
  const pair: DriverContext = { ...ctx, caller, callee, models, checks, workDir: `${ctx.workDir}/judge-${tag}`, keep: false, explain: () => undefined };
  const r = await checkBatch(pair, cases);
  return new Map(r.records.map((rec) => [rec.index, rec]));
}

const clean = (r: CaseRecord | undefined): boolean => r?.outcome.kind === 'checked' && r.findings.length === 0;
/** The compiler whose dialects and layouts a side speaks: a C++ driver speaks its C compiler's (g++: gcc's). */
const speaks = (s: Side): string => cCompilerOf(s.tc.id);
const modelOf = (ctx: DriverContext, speaker: Side | null): Side => ({ tc: resolveToolchain(ctx.target, speaker ? `model:${speaks(speaker)}` : 'model'), flags: [] });

/**
 * The dialects of `speaker` that change the plan of `sig`: those whose dropping changes it; where
 * two change the same thing (each alone enough: fastcall's long long with clang's register rules),
 * those that change it on their own; where only together, all of them.
 */
function decisiveDialects(ctx: DriverContext, speaker: Side, sig: Signature, features: ReadonlySet<string>): string[] {
  const abi = abiOf(ctx.target, sig);
  const all = abi.dialectsOf?.(speaks(speaker)) ?? [];
  const plan = (dialects: string[]): string => JSON.stringify(abi.planCall(sig, ctx.target.dataModel, { features, dialects: new Set(dialects) }));
  const full = plan([...all]);
  const decisive = all.filter((d) => plan(all.filter((x) => x !== d)) !== full);
  const text = plan([]);
  if (decisive.length || full === text) return decisive;
  const alone = all.filter((d) => plan([d]) !== text);
  return alone.length ? alone : [...all];
}

/** The layout dialect of `speaker`, when it lays out some aggregate of `sig` differently from the target's gcc. */
function decisiveLayout(ctx: DriverContext, speaker: Side, sig: Signature): string[] {
  const d = ctx.target.layoutDialects?.find((x) => x.speakers.test(speaks(speaker)));
  if (!d) return [];
  const differs = signatureTypes(sig).some((t) => isAggregate(t) && JSON.stringify(layoutOf(t, d.dataModel)) !== JSON.stringify(layoutOf(t, ctx.target.dataModel)));
  return differs ? [`${speaker.tc.id} struct layout`] : [];
}

/**
 * Whether the side's dialects, or its struct layouts, make the plan of `sig` fail where the text's
 * plan succeeds (clang-cl's 4-byte struct of zero-width bit-fields has no eightbyte to classify);
 * or, where the text has no rule either, whether one of its dialects is why (dropping it changes
 * the reason: clang widening the lanes of a returned 4-byte vector, documented, no byte range).
 */
function inexpressible(ctx: DriverContext, speaker: Side, sig: Signature, features: ReadonlySet<string>): boolean {
  const abi = abiOf(ctx.target, sig);
  const dialects = abi.dialectsOf?.(speaks(speaker)) ?? [];
  const dm = layoutOfCompiler(ctx.target, speaks(speaker), features);
  const planWith = (ds: readonly string[], layout = dm) => abi.planCall(sig, layout, { features, dialects: new Set(ds) });
  const own = planWith(dialects);
  if (own.ok) return false;
  if (planWith([], ctx.target.dataModel).ok) return true;
  const why = JSON.stringify(own);
  return dialects.some((d) => JSON.stringify(planWith(dialects.filter((x) => x !== d))) !== why);
}

export async function judgeFor(ctx: DriverContext): Promise<Judge | null> {
  const { caller, callee } = ctx;
  if (!modelCovers(ctx.target) || (isModelSide(caller) && isModelSide(callee))) return null;
  const features = new Map<Side, ReadonlySet<string>>();
  for (const s of [caller, callee]) if (!isModelSide(s)) features.set(s, await ctx.probes.isaFeatures(s));
  let n = 0;
  return {
    async explainByDialects(records) {
      const open = records.filter((r) => r.findings.some((f) => !f.known && JUDGED.has(f.kind)));
      if (!open.length) return;
      const cases = open.map((r) => ({ sig: r.sig, index: r.index }));
      const tag = String(n++);
      // Each compiler against the model speaking its dialect, in the finding's direction.
      const asCaller = isModelSide(caller) ? null : await run(ctx, caller, modelOf(ctx, caller), cases, `${tag}-caller`);
      const asCallee = isModelSide(callee) ? null : await run(ctx, modelOf(ctx, callee), callee, cases, `${tag}-callee`);
      // A dialect the model cannot express (the plan fails only with it) still documents the behaviour.
      const consistent = (run: Map<number, CaseRecord> | null, side: Side, r: CaseRecord): boolean => {
        if (!run) return true;
        const rec = run.get(r.index);
        if (clean(rec)) return true;
        return rec?.outcome.kind === 'unsupported' && inexpressible(ctx, side, r.sig, features.get(side)!);
      };
      for (const r of open) {
        if (!consistent(asCaller, caller, r) || !consistent(asCallee, callee, r)) continue;
        const named = [caller, callee].filter((s) => !isModelSide(s)).flatMap((s) => [...decisiveDialects(ctx, s, r.sig, features.get(s)!), ...decisiveLayout(ctx, s, r.sig)]);
        if (!named.length) continue; // both agree with the model, yet they disagree: not for the dialects to explain
        for (const f of r.findings) if (!f.known && JUDGED.has(f.kind)) f.known = `dialect ${[...new Set(named)].join(' + ')}`;
      }
    },
    async blame(f, c) {
      if (!JUDGED.has(f.kind)) return null;
      const model = modelOf(ctx, null);
      const tag = `blame-${n++}`;
      const plan = abiOf(ctx.target, c.sig).planCall(c.sig, ctx.target.dataModel, { features: features.get(isModelSide(caller) ? callee : caller) ?? new Set(), dialects: new Set() });
      if (!plan.ok) return null;
      // The finding's own direction decides: the caller against the model callee, the model caller against the callee.
      const callerDev = isModelSide(caller) ? null : (await run(ctx, caller, model, [c], `${tag}-a`)).get(c.index);
      const calleeDev = isModelSide(callee) ? null : (await run(ctx, model, callee, [c], `${tag}-b`)).get(c.index);
      // A run against the model that found something; one that could not run (the model's glue rejects
      // a type, say: a counted skip) accuses nobody, and with no accusation then nothing is said.
      const bad = (r: CaseRecord | null | undefined): boolean => !!r && r.findings.length > 0;
      const mute = (r: CaseRecord | null | undefined): boolean => !!r && !clean(r) && !bad(r);
      if (!bad(callerDev) && !bad(calleeDev) && (mute(callerDev) || mute(calleeDev))) return null;
      const deviates = bad(callerDev) && bad(calleeDev) ? 'both' : bad(callerDev) ? 'caller' : bad(calleeDev) ? 'callee' : 'neither';
      const party = deviates === 'caller' ? sideLabel(caller) : deviates === 'callee' ? sideLabel(callee) : deviates === 'both' ? `${sideLabel(caller)} and ${sideLabel(callee)}` : '';
      const said = (r: CaseRecord | null | undefined, who: Side, as: string): string[] =>
        bad(r) ? [`${sideLabel(who)} as ${as} against the model: ${r!.findings[0]?.detail ?? r!.outcome.kind}`] : [];
      const root = f.mismatches?.[0]?.path.match(/^\**arg(\d+)/)?.[1];
      const loc = root !== undefined ? plan.plan.args[Number(root)] : f.kind === 'return' ? plan.plan.ret : undefined;
      const rule = loc && 'why' in loc ? loc.why : '';
      const detail = [...said(callerDev, caller, 'caller'), ...said(calleeDev, callee, 'callee')].join('; ')
        || 'both sides agree with the psABI model on this function, yet not with each other';
      return { deviates, party, detail: rule ? `${detail} (the model: ${rule})` : detail, rule };
    },
  };
}
